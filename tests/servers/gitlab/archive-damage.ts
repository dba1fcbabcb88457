// Ways a repository archive can arrive broken, for the checkout's fallback tests: cut short,
// its gzip stream damaged, or a tar header damaged inside a stream that still gunzips cleanly.
import { gunzipSync, gzipSync } from 'node:zlib';

export type ArchiveDamage = 'truncate' | 'corrupt-gzip' | 'bad-tar-header';

export const archiveDamages: readonly ArchiveDamage[] = [
	'truncate',
	'corrupt-gzip',
	'bad-tar-header'
];

export function damageArchive(bytes: Buffer, damage: ArchiveDamage): Buffer {
	if (damage === 'truncate') return bytes.subarray(0, Math.floor(bytes.length / 2));
	if (damage === 'corrupt-gzip') {
		const out = Buffer.from(bytes);
		const at = Math.floor(out.length / 2);
		for (let i = at; i < Math.min(at + 32, out.length - 8); i++) out[i] = out[i]! ^ 0xa5;
		return out;
	}
	// The last regular file's header: the files before it still read, then the reader must stop.
	const tar = Buffer.from(gunzipSync(bytes));
	let last = -1;
	for (let at = 0; at + 512 <= tar.length;) {
		if (tar.subarray(at, at + 512).every((b) => b === 0)) break;
		const size = parseInt(tar.toString('latin1', at + 124, at + 136).replace(/\0.*$/s, ''), 8);
		if (tar[at + 156] === 0x30) last = at;
		at += 512 + Math.ceil((size || 0) / 512) * 512;
	}
	if (last < 0) throw new Error('the archive has no regular file to damage');
	tar[last + 148] = tar[last + 148] === 0x31 ? 0x32 : 0x31; // the checksum's first digit
	return gzipSync(tar);
}

import pako from 'pako';
import { createDelta } from './git-delta.ts';

const alphabet =
	'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~';

/**
 * git's core.loosecompression default (Z_BEST_SPEED), the level diff.c deflates binary hunks
 * with. pako is zlib 1.2.8's deflate ported line for line, so at git's settings (level 1,
 * windowBits 15, memLevel 8, default strategy) its bytes are the ones git's zlib writes.
 */
const ZLIB_LEVEL = 1;

/**
 * A `GIT binary patch` body as `git diff --binary` writes it (diff.c emit_binary_diff): the
 * forward hunk, then the reverse one so the patch also applies with `git apply -R`. Each hunk
 * is the deflated new content (`literal`) or, when that is smaller, git's delta from the other
 * side deflated (`delta`); each ends with a blank line.
 */
export function binaryPatch(before: Uint8Array, after: Uint8Array): string {
	return `GIT binary patch\n${hunk(before, after)}${hunk(after, before)}`;
}

/** diff.c emit_binary_diff_body: the smaller of the deflated target and its deflated delta. */
function hunk(from: Uint8Array, to: Uint8Array): string {
	const literal = deflate(to);
	// git only keeps a delta no longer than the deflated literal, then compares them deflated.
	const delta = from.length && to.length ? createDelta(from, to, literal.length) : null;
	if (delta) {
		const deflated = deflate(delta);
		if (deflated.length < literal.length) return lines(`delta ${delta.length}`, deflated);
	}
	return lines(`literal ${to.length}`, literal);
}

function deflate(bytes: Uint8Array): Uint8Array {
	return pako.deflate(bytes, { level: ZLIB_LEVEL });
}

function lines(header: string, data: Uint8Array): string {
	let out = `${header}\n`;
	// A line carries up to 52 bytes; its first character says how many (A–Z: 1–26, a–z: 27–52).
	for (let start = 0; start < data.length; start += 52) {
		const chunk = data.subarray(start, start + 52);
		const count = chunk.length;
		out += String.fromCharCode(count <= 26 ? 64 + count : 96 + count - 26) + base85(chunk) + '\n';
	}
	return `${out}\n`;
}

/** git's base85: each 4 bytes (zero-padded at the end) as 5 characters, most significant first. */
function base85(bytes: Uint8Array): string {
	let out = '';
	for (let i = 0; i < bytes.length; i += 4) {
		let value =
			((bytes[i]! << 24) |
				((bytes[i + 1] ?? 0) << 16) |
				((bytes[i + 2] ?? 0) << 8) |
				(bytes[i + 3] ?? 0)) >>>
			0;
		const group = new Array<string>(5);
		for (let k = 4; k >= 0; k--) {
			group[k] = alphabet[value % 85]!;
			value = Math.floor(value / 85);
		}
		out += group.join('');
	}
	return out;
}

import { zlibSync } from 'fflate';

const alphabet =
	'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~';

/**
 * A `GIT binary patch` body: the new content as a zlib-deflated, base85 literal, then the old
 * one so the patch also applies in reverse (`git apply -R`). Ends with a blank line.
 */
export function binaryPatch(before: Uint8Array, after: Uint8Array): string {
	return `GIT binary patch\n${literal(after)}${literal(before)}`;
}

function literal(bytes: Uint8Array): string {
	const deflated = zlibSync(bytes);
	let out = `literal ${bytes.length}\n`;
	// A line carries up to 52 bytes; its first character says how many (A–Z: 1–26, a–z: 27–52).
	for (let start = 0; start < deflated.length; start += 52) {
		const chunk = deflated.subarray(start, start + 52);
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

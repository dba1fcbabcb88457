import { escapedBytes } from './escaped-bytes.ts';

const decoder = new TextDecoder();

/**
 * git's default hunk heading (xdiff's def_ff): the nearest line above the hunk that starts with
 * a letter, '_' or '$', trailing whitespace dropped, cut to 80 bytes. Returns a lookup from a
 * hunk's first old line to its heading, built in one pass so many hunks stay linear.
 */
export function headingFinder(oldLines: string[], bytes = false): (firstLine: number) => string {
	const nearest = new Int32Array(oldLines.length);
	let last = -1;
	for (let i = 0; i < oldLines.length; i++) {
		if (/^[A-Za-z_$]/.test(oldLines[i]!)) last = i;
		nearest[i] = last;
	}
	return (firstLine) => {
		const found = firstLine > 0 ? nearest[firstLine - 1]! : -1;
		if (found < 0) return '';
		const line = oldLines[found]!;
		const lineBytes = bytes
			? Uint8Array.from(line.slice(0, 81), (c) => c.charCodeAt(0))
			: escapedBytes(line.slice(0, 81)); // a Latin-1 line's bytes, not U+FFFD's
		const end = headingLength(lineBytes);
		return bytes ? line.slice(0, end) : decoder.decode(lineBytes.subarray(0, end));
	};
}

/**
 * xdiff's def_ff keeps at most 80 bytes less trailing whitespace; then diff.c's
 * sane_truncate_line cuts the hunk header at its first byte sequence that is not valid UTF-8
 * (a character cut in two at byte 80, Latin-1, a surrogate, U+FFFE…), whatever comes after.
 */
function headingLength(bytes: Uint8Array): number {
	let end = Math.min(bytes.length, 80);
	while (end > 0 && isSpace(bytes[end - 1]!)) end--;
	let i = 0;
	while (i < end) {
		const size = utf8Length(bytes, i, end);
		if (!size) return i;
		i += size;
	}
	return end;
}

/** git's utf8.c pick_one_utf8_char: the length of the valid character at `i`, 0 if invalid. */
function utf8Length(b: Uint8Array, i: number, end: number): number {
	const c = b[i]!;
	const cont = (k: number) => i + k < end && (b[i + k]! & 0xc0) === 0x80;
	if (c < 0x80) return 1;
	if ((c & 0xe0) === 0xc0) return cont(1) && (c & 0x3e) !== 0 ? 2 : 0;
	if ((c & 0xf0) === 0xe0) {
		if (!cont(1) || !cont(2)) return 0;
		const c1 = b[i + 1]!;
		const overlong = c === 0xe0 && (c1 & 0xe0) === 0x80;
		const surrogate = c === 0xed && (c1 & 0xe0) === 0xa0;
		const nonchar = c === 0xef && c1 === 0xbf && (b[i + 2]! & 0xfe) === 0xbe;
		return overlong || surrogate || nonchar ? 0 : 3;
	}
	if ((c & 0xf8) === 0xf0) {
		if (!cont(1) || !cont(2) || !cont(3)) return 0;
		const c1 = b[i + 1]!;
		const overlong = c === 0xf0 && (c1 & 0xf0) === 0x80;
		const tooBig = (c === 0xf4 && c1 > 0x8f) || c > 0xf4;
		return overlong || tooBig ? 0 : 4;
	}
	return 0;
}

function isSpace(byte: number): boolean {
	return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}

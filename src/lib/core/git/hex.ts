// Object ids between hex text and bytes, for the object store and the pack writer (which turn
// thousands of them a checkout: a pack index names every object, a tree every entry).

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The lowercase hex of `bytes` (an object id, a pack's checksum). */
export function hex(bytes: Uint8Array): string {
	let out = '';
	for (const byte of bytes) out += HEX_BYTE[byte];
	return out;
}

/** A hex digit's value (either case), or -1. */
function digit(code: number): number {
	if (code >= 48 && code <= 57) return code - 48; // 0-9
	const lower = code | 0x20;
	if (lower >= 97 && lower <= 102) return lower - 87; // a-f
	return -1;
}

/**
 * Writes the bytes of the hex `text` into `out` at `at` (an id straight into the index or tree
 * being built, no array in between). Throws on a character that is not a hex digit, which would
 * otherwise be written as a wrong byte.
 */
export function writeHex(text: string, out: Uint8Array, at: number): void {
	for (let i = 0; i < text.length; i += 2) {
		const high = digit(text.charCodeAt(i));
		const low = digit(text.charCodeAt(i + 1));
		if (high < 0 || low < 0) throw new Error(`not a hex object id: ${text}`);
		out[at + i / 2] = (high << 4) | low;
	}
}

// Text that carries bytes which are not UTF-8. git diffs any file without a NUL in its first
// 8000 bytes as text, whatever its encoding (Latin-1, Shift-JIS, a cut character), so its patch
// is bytes, not always UTF-8. Patchbay keeps a patch as a string (stored, shared, shown), so
// undecodable bytes are "surrogate-escaped" as Python does (PEP 383): each byte 0x80–0xFF that
// is not part of a valid UTF-8 sequence becomes the lone surrogate U+DC80–U+DCFF. Valid UTF-8
// can never hold a surrogate, so the mapping is one to one and `escapedBytes` undoes it byte for
// byte. A UTF-8 file decodes to exactly its ordinary string; a lone surrogate shows as �.

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

const ESCAPE_BASE = 0xdc00;
/** An escaped byte not preceded by a high surrogate (which would make it half of a pair). */
const ESCAPED = /(?<![\ud800-\udbff])[\udc80-\udcff]+/g;
const ANY_ESCAPED = /(?<![\ud800-\udbff])[\udc80-\udcff]/;

/** The bytes as UTF-8 text, each byte of an invalid sequence escaped as U+DC80–U+DCFF. */
export function escapedText(bytes: Uint8Array): string {
	try {
		return strict.decode(bytes);
	} catch {
		return decodeEscaping(bytes);
	}
}

/** The bytes `escapedText` read: UTF-8, with each escape U+DC80–U+DCFF its own byte again. */
export function escapedBytes(text: string): Uint8Array<ArrayBuffer> {
	if (!hasEscapedBytes(text)) return encoder.encode(text);
	const parts: Uint8Array[] = [];
	let at = 0;
	for (const match of text.matchAll(ESCAPED)) {
		parts.push(encoder.encode(text.slice(at, match.index)));
		parts.push(Uint8Array.from(match[0], (c) => c.charCodeAt(0) - ESCAPE_BASE));
		at = match.index + match[0].length;
	}
	parts.push(encoder.encode(text.slice(at)));
	const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}

/** True when the text holds bytes that are not UTF-8 (so only `escapedBytes` writes it right). */
export function hasEscapedBytes(text: string): boolean {
	return ANY_ESCAPED.test(text);
}

/** The text as a reader sees it: each byte that is not UTF-8 as U+FFFD, as a decoder shows it. */
export function shownText(text: string): string {
	return text.replace(ESCAPED, (run) => '\ufffd'.repeat(run.length));
}

function decodeEscaping(bytes: Uint8Array): string {
	// Never more UTF-16 units than bytes: 1–3 bytes give one unit, 4 bytes give two.
	const units = new Uint16Array(bytes.length);
	let n = 0;
	for (let i = 0; i < bytes.length;) {
		const c = bytes[i]!;
		const size = c < 0x80 ? 1 : sequenceLength(bytes, i);
		if (size === 0) {
			units[n++] = ESCAPE_BASE + c;
			i++;
			continue;
		}
		let point = size === 1 ? c : c & (0xff >> (size + 1));
		for (let k = 1; k < size; k++) point = (point << 6) | (bytes[i + k]! & 0x3f);
		if (point >= 0x10000) {
			point -= 0x10000;
			units[n++] = 0xd800 + (point >> 10);
			units[n++] = 0xdc00 + (point & 0x3ff);
		} else units[n++] = point;
		i += size;
	}
	let out = '';
	for (let start = 0; start < n; start += 0x8000) {
		out += String.fromCharCode(...units.subarray(start, Math.min(n, start + 0x8000)));
	}
	return out;
}

/**
 * The length of the well-formed UTF-8 sequence starting at `i` (Unicode's table 3-7: no
 * overlong forms, no surrogates, nothing past U+10FFFF), or 0 when there is none.
 */
function sequenceLength(b: Uint8Array, i: number): number {
	const c = b[i]!;
	const within = (k: number, low: number, high: number) =>
		i + k < b.length && b[i + k]! >= low && b[i + k]! <= high;
	const tail = (from: number, size: number) => {
		for (let k = from; k < size; k++) if (!within(k, 0x80, 0xbf)) return 0;
		return size;
	};
	if (c >= 0xc2 && c <= 0xdf) return tail(1, 2);
	if (c === 0xe0) return within(1, 0xa0, 0xbf) ? tail(2, 3) : 0;
	if (c === 0xed) return within(1, 0x80, 0x9f) ? tail(2, 3) : 0;
	if (c >= 0xe1 && c <= 0xef) return tail(1, 3);
	if (c === 0xf0) return within(1, 0x90, 0xbf) ? tail(2, 4) : 0;
	if (c === 0xf4) return within(1, 0x80, 0x8f) ? tail(2, 4) : 0;
	if (c >= 0xf1 && c <= 0xf3) return tail(1, 4);
	return 0;
}

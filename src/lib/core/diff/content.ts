const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The content as text, or null when it is binary: a NUL byte or invalid UTF-8. The BOM is
 * kept (ignoreBOM) so a patch reproduces the file byte for byte.
 */
export function textOf(bytes: Uint8Array): string | null {
	if (bytes.includes(0)) return null;
	try {
		return utf8.decode(bytes);
	} catch {
		return null;
	}
}

/** git's own test (buffer_is_binary): a NUL among the first 8000 bytes. */
export function isGitBinary(bytes: Uint8Array | null): boolean {
	return bytes !== null && bytes.subarray(0, 8000).includes(0);
}

/** One char per byte (latin1): text git would diff whatever its encoding, kept byte for byte. */
export function byteString(bytes: Uint8Array): string {
	let out = '';
	for (let i = 0; i < bytes.length; i += 0x8000) {
		out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	}
	return out;
}

export function isBinary(bytes: Uint8Array | null): boolean {
	return bytes !== null && textOf(bytes) === null;
}

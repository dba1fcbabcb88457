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

export function isBinary(bytes: Uint8Array | null): boolean {
	return bytes !== null && textOf(bytes) === null;
}

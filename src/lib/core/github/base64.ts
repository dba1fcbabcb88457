// String.fromCharCode takes its arguments on the stack; chunks keep big files from overflowing it.
const CHUNK = 0x8000;

/** Standard base64 (with padding), as GitHub's blob API reads it. */
export function toBase64(bytes: Uint8Array): string {
	let binary = '';
	for (let start = 0; start < bytes.length; start += CHUNK) {
		binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK));
	}
	return btoa(binary);
}

/** Bytes of standard base64, as GitHub's blob API sends them (line breaks removed first). */
export function fromBase64(text: string): Uint8Array {
	return Uint8Array.from(atob(text.replace(/\s+/g, '')), (char) => char.charCodeAt(0));
}

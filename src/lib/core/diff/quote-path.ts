const encoder = new TextEncoder();
const decoder = new TextDecoder();

const escapes: Record<number, string> = {
	7: '\\a',
	8: '\\b',
	9: '\\t',
	10: '\\n',
	11: '\\v',
	12: '\\f',
	13: '\\r',
	34: '\\"',
	92: '\\\\'
};

/**
 * A path as git writes it in a patch (core.quotePath on): C-quoted, with octal escapes for
 * control characters and every byte of a non-ASCII character, when it has any of those.
 */
export function quotePath(path: string): string {
	if (!needsQuoting(path)) return path;
	let out = '';
	let plain = 0;
	const bytes = encoder.encode(path);
	for (let i = 0; i < bytes.length; i++) {
		const byte = bytes[i]!;
		const escape = escapes[byte] ?? (byte < 0x20 || byte >= 0x7f ? octal(byte) : undefined);
		if (escape === undefined) continue;
		out += decoder.decode(bytes.subarray(plain, i)) + escape;
		plain = i + 1;
	}
	return `"${out}${decoder.decode(bytes.subarray(plain))}"`;
}

function octal(byte: number): string {
	return `\\${byte.toString(8).padStart(3, '0')}`;
}

function needsQuoting(path: string): boolean {
	for (let i = 0; i < path.length; i++) {
		const code = path.charCodeAt(i);
		if (code < 0x20 || code === 0x22 || code === 0x5c || code >= 0x7f) return true;
	}
	return false;
}

// The reverse of git's core.quotePath (src/lib/core/diff/quote-path.ts writes it): a name in
// double quotes with C escapes and octal bytes of UTF-8 becomes the plain name again.
const simple: Record<string, number> = {
	a: 7,
	b: 8,
	t: 9,
	n: 10,
	v: 11,
	f: 12,
	r: 13,
	'"': 34,
	'\\': 92
};

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function unquotePath(name: string): string {
	if (name.length < 2 || !name.startsWith('"') || !name.endsWith('"')) return name;
	const bytes: number[] = [];
	const inner = name.slice(1, -1);
	for (let i = 0; i < inner.length; i++) {
		const char = String.fromCodePoint(inner.codePointAt(i)!);
		if (char !== '\\') {
			bytes.push(...encoder.encode(char));
			i += char.length - 1;
			continue;
		}
		const next = inner[i + 1] ?? '';
		const octal = /^[0-7]{3}/.exec(inner.slice(i + 1, i + 4));
		if (octal) {
			bytes.push(parseInt(octal[0], 8));
			i += 3;
		} else {
			bytes.push(simple[next] ?? next.charCodeAt(0));
			i += 1;
		}
	}
	return decoder.decode(new Uint8Array(bytes));
}

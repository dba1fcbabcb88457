// The masker catches a secret as itself, URL-encoded and base64-encoded (both alphabets, at any
// byte offset inside a longer encoded string), and leaves other text alone.
import { describe, expect, it } from 'vitest';
import { maskCutLine, SECRET_MASK, secretMasker } from '../../../src/lib/core/secrets/index.ts';
import { MIN_BASE64_RUN, secretForms } from '../../../src/lib/core/secrets/mask.ts';

// Its base64 holds both `+` and `/`, so the URL-safe alphabet differs from the standard one;
// its `~`, `?`, `>`, space and `&` are escaped differently by each URL encoding.
const secret = 'hunter2 ?>?~~~&pass';
const mask = secretMasker([secret]);

const std = (text: string) => Buffer.from(text).toString('base64');
const urlSafe = (text: string) => Buffer.from(text).toString('base64url');

/**
 * `encoded` (base64 of `before + secret + after`) with the characters the secret alone decides
 * replaced: each character holds 6 bits, and the ones straddling a neighbour's bits stay.
 */
function expectedMask(encoded: string, before: string): string {
	const start = Math.ceil((before.length * 8) / 6);
	const end = Math.floor(((before.length + secret.length) * 8) / 6);
	return encoded.slice(0, start) + SECRET_MASK + encoded.slice(end);
}

describe('secretMasker', () => {
	it('the test secret really differs between the two base64 alphabets', () => {
		expect([std(secret).includes('+'), std(secret).includes('/')]).toStrictEqual([true, true]);
		expect(urlSafe(secret)).not.toBe(std(secret).replace(/=+$/, ''));
	});

	it('masks the plain value, every occurrence, the longest secret first', () => {
		const both = secretMasker(['abcd', 'xxabcdxx']);
		expect(both('1 abcd 2 xxabcdxx 3 abcdabcd')).toBe(
			`1 ${SECRET_MASK} 2 ${SECRET_MASK} 3 ${SECRET_MASK}${SECRET_MASK}`
		);
	});

	it('masks base64 of the secret at every byte offset, with anything around it, in both alphabets', () => {
		const cases: { before: string; after: string }[] = [];
		for (const before of ['', 'u', 'us', 'user:', 'Basic u', 'x'.repeat(7)]) {
			for (const after of ['', '!', '!!', '\n--']) cases.push({ before, after });
		}
		const results = cases.flatMap(({ before, after }) =>
			[std, urlSafe].map((encode) => {
				const encoded = encode(before + secret + after);
				return { masked: mask(`Authorization: Basic ${encoded}`), encoded, before };
			})
		);
		expect(results.map((result) => result.masked)).toStrictEqual(
			results.map(({ encoded, before }) => `Authorization: Basic ${expectedMask(encoded, before)}`)
		);
	});

	it('what survives around a masked base64 run decodes to no piece of the secret', () => {
		const encoded = std(`user:${secret}`);
		const [head = '', tail = ''] = mask(encoded).split(SECRET_MASK);
		expect({ head, tail }).toStrictEqual({ head: 'dXNlcjp', tail: '' });
		// The last character kept holds 2 bits of the secret's first byte; they decode to nothing.
		expect(Buffer.from(head, 'base64').toString('latin1')).toBe('user:');
	});

	it('masks the URL-encoded forms: encodeURIComponent, form encoding with +, lower-case hex', () => {
		const component = encodeURIComponent(secret);
		const form = new URLSearchParams({ token: secret }).toString();
		expect(component).toBe('hunter2%20%3F%3E%3F~~~%26pass');
		expect(form).toBe('token=hunter2+%3F%3E%3F%7E%7E%7E%26pass');
		const text = [
			`https://x.test/?token=${component}&next=1`,
			`${form}&next=1`,
			`https://x.test/?token=${component.toLowerCase()}`
		].join('\n');
		expect(mask(text)).toBe(
			[
				`https://x.test/?token=${SECRET_MASK}&next=1`,
				`token=${SECRET_MASK}&next=1`,
				`https://x.test/?token=${SECRET_MASK}`
			].join('\n')
		);
	});

	it('leaves text without the secret as it was, and ignores values too short to be secrets', () => {
		const text = `ordinary text, ${std('another value')} and ${encodeURIComponent('a b&c')}`;
		expect(mask(text)).toBe(text);
		expect(secretMasker(['abc', '', 'on'])('abc on abc')).toBe('abc on abc');
	});

	it('masks a secret as long as a key file, and its base64', () => {
		// A multiple of 3 bytes, so its base64 has no partial last group.
		const keyFile = 'abcdefghijkl'.repeat(17_500);
		const text = `key: ${keyFile}\nencoded: ${std(keyFile)}`;
		expect(secretMasker([keyFile])(text)).toBe(`key: ${SECRET_MASK}\nencoded: ${SECRET_MASK}`);
	});

	it('lists base64 runs of the minimum length or more: all three offsets from 5 bytes on', () => {
		expect([secretForms('abcd'), secretForms('abcde')]).toStrictEqual([
			['abcd'],
			['abcde', 'YWJjZG', 'FiY2Rl', 'hYmNkZ']
		]);
		const runs = secretForms('abcde').slice(1);
		expect(runs.every((run) => run.length >= MIN_BASE64_RUN)).toBe(true);
	});
});

describe('maskCutLine', () => {
	const key = 'sk-live-0123456789';
	const keyMask = secretMasker([key]);
	const prompt = `Replace ${key} with an env var\n\nMore: ${key}`;

	it('masks a title cut through a secret from the whole first line, cut to the same length', () => {
		expect([
			maskCutLine('Replace sk-live-01…', prompt, keyMask),
			maskCutLine('Replace sk-li…', prompt, keyMask),
			maskCutLine(`Replace ${key} wi…`, prompt, keyMask)
		]).toStrictEqual(['Replace [secret] w…', 'Replace [secr…', 'Replace [secret] with an env…']);
	});

	it('masks any other title as it is', () => {
		expect([
			maskCutLine(`Replace ${key} with an env var`, prompt, keyMask),
			maskCutLine('Renamed by hand…', prompt, keyMask),
			maskCutLine(`Own title with ${key}`, prompt, keyMask)
		]).toStrictEqual([
			'Replace [secret] with an env var',
			'Renamed by hand…',
			'Own title with [secret]'
		]);
	});
});

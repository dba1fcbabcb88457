import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hostHeaders } from '../../tools/security-headers.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('static host headers say what tools/security-headers.js says', () => {
	it('static/_headers (Netlify, Cloudflare Pages)', () => {
		const lines = read('static/_headers').split('\n');
		expect(lines[0]).toBe('/*');
		const headers = Object.fromEntries(
			lines
				.slice(1)
				.filter((line) => line.trim())
				.map((line) => line.trim().split(/:\s*/, 2))
		);
		expect(headers).toEqual(hostHeaders);
	});

	it('vercel.json', () => {
		const config = JSON.parse(read('vercel.json')) as {
			headers: { source: string; headers: { key: string; value: string }[] }[];
		};
		expect(config.headers.map((rule) => rule.source)).toEqual(['/(.*)']);
		const headers = Object.fromEntries(config.headers[0]!.headers.map((h) => [h.key, h.value]));
		expect(headers).toEqual(hostHeaders);
	});
});

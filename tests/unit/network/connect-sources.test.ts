import { describe, expect, it } from 'vitest';
import { connectPolicy, connectSources } from '../../../src/lib/core/network/index.ts';

const runtime = [
	'https://stackblitz.com',
	'https://*.stackblitz.com',
	'https://*.webcontainer-api.io'
];

describe('connectSources', () => {
	it('is the app, the configured origins (paths and keys dropped) and the runtime hosts', () => {
		expect(
			connectSources({
				model: { baseURL: 'http://127.0.0.1:4100/s/abc/v1' },
				github: { apiBase: 'http://127.0.0.1:4200/' },
				git: { corsProxy: 'https://user:pw@proxy.example:8443/path?q=1' }
			})
		).toEqual([
			"'self'",
			'http://127.0.0.1:4100',
			'http://127.0.0.1:4200',
			'https://proxy.example:8443',
			...runtime
		]);
	});

	it("adds GitHub's raw host for api.github.com; skips empty, invalid and non-http endpoints; no repeats", () => {
		expect(
			connectSources({
				model: { baseURL: 'https://api.github.com/models' },
				github: { apiBase: 'https://api.github.com' },
				git: { corsProxy: '' }
			})
		).toEqual([
			"'self'",
			'https://api.github.com',
			'https://raw.githubusercontent.com',
			...runtime
		]);
		expect(
			connectPolicy({
				model: { baseURL: 'javascript:alert(1)' },
				github: { apiBase: 'not a url' },
				git: { corsProxy: 'ftp://x' }
			})
		).toBe(`connect-src 'self' ${runtime.join(' ')}`);
	});
});

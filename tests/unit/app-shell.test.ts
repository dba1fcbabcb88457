import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { precacheList, routeRequest, withHeaders } from '../../src/lib/core/app-shell/index.ts';
import { hostHeaders } from '../../tools/security-headers.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const origin = 'https://patchbay.example';
const scope = { origin, assets: new Set(['/', '/_app/immutable/entry/start.js', '/favicon.svg']) };
const get = (url: string, mode: RequestMode = 'cors') => ({ method: 'GET', url, mode });

describe('the service worker routes requests', () => {
	it('serves the app from its cache and leaves every other origin alone', () => {
		expect(
			[
				get(`${origin}/_app/immutable/entry/start.js`),
				get(`${origin}/favicon.svg`, 'no-cors'),
				get(`${origin}/`, 'navigate'),
				get(`${origin}/anything?x=1`, 'navigate'),
				get(`${origin}/_app/version.json`),
				{ method: 'POST', url: `${origin}/_app/immutable/entry/start.js`, mode: 'cors' },
				get('http://localhost:11434/v1/models'),
				get('https://api.github.com/repos/acme/demo'),
				get('https://raw.githubusercontent.com/acme/demo/main/README.md'),
				get('https://gitlab.example/acme/demo.git/info/refs?service=git-upload-pack'),
				get('https://patchbay.example:8443/_app/immutable/entry/start.js')
			].map((r) => routeRequest(r, scope))
		).toEqual([
			'asset',
			'asset',
			'navigation',
			'navigation',
			'same-origin',
			'pass',
			'pass',
			'pass',
			'pass',
			'pass',
			'pass'
		]);
	});

	it('precaches the shell, the build and the served static files, not host configuration', () => {
		expect(
			precacheList({
				base: '/pb',
				build: ['/pb/_app/immutable/a.js', '/pb/_app/version.json'],
				files: ['/pb/favicon.svg', '/pb/_headers', '/pb/.well-known/x', '/pb/_redirects'],
				prerendered: []
			})
		).toEqual(['/pb/', '/pb/_app/immutable/a.js', '/pb/_app/version.json', '/pb/favicon.svg']);
	});
});

describe('the service worker adds the host headers from tools/security-headers.js', () => {
	it('takes them from that one source', () => {
		expect(read('src/service-worker.ts')).toContain(
			"import { hostHeaders } from '../tools/security-headers.js';"
		);
		expect(read('src/service-worker.ts')).toContain(
			'withHeaders(cached ?? (await fetch(request)), hostHeaders)'
		);
	});

	it('adds exactly those where the host sent none', async () => {
		const served = withHeaders(
			new Response('<!doctype html>', { status: 200, headers: { 'Content-Type': 'text/html' } }),
			hostHeaders
		);
		expect(Object.fromEntries(served.headers)).toEqual({
			'content-type': 'text/html',
			...Object.fromEntries(Object.entries(hostHeaders).map(([k, v]) => [k.toLowerCase(), v]))
		});
		expect(served.status).toBe(200);
		expect(await served.text()).toBe('<!doctype html>');
		expect(served.headers.has('Content-Security-Policy')).toBe(false);
	});

	it('keeps what the host sent, and the same response when nothing is missing', () => {
		const complete = new Response('x', { headers: hostHeaders });
		expect(withHeaders(complete, hostHeaders)).toBe(complete);
		const partial = withHeaders(
			new Response('x', {
				status: 404,
				headers: { 'Cross-Origin-Embedder-Policy': 'require-corp' }
			}),
			hostHeaders
		);
		expect(partial.status).toBe(404);
		expect(partial.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
		expect(partial.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
	});

	it('leaves the Content-Security-Policy to the page: the <meta> SvelteKit writes', () => {
		// The SW never sets a CSP header (it would lack the bootstrap hash); the cached page keeps
		// its <meta>, built from the same directives as svelte.config.js says.
		expect(Object.keys(hostHeaders).map((h) => h.toLowerCase())).not.toContain(
			'content-security-policy'
		);
		expect(read('svelte.config.js')).toContain("csp: { mode: 'hash', directives: cspDirectives }");
	});
});

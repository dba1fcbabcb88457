import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { precacheList, routeRequest, withHeaders } from '../../src/lib/core/app-shell/index.ts';
import {
	headersFor,
	hostHeaders,
	workerCspDirectives,
	workerHeaders
} from '../../tools/security-headers.js';

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
		const source = read('src/service-worker.ts');
		expect(source).toContain("import { headersFor } from '../tools/security-headers.js';");
		expect(source).toContain('headersFor({ path, dest: request.destination })');
		expect(source).toContain('withHeaders(cached ?? (await fetch(request)), headers)');
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

	it("leaves the page's policy to its <meta>, and sends only the frame refusal as a header", () => {
		// A header policy for the page would lack SvelteKit's bootstrap hash; frame-ancestors is the
		// one directive a <meta> policy cannot carry.
		expect(hostHeaders['Content-Security-Policy']).toBe("frame-ancestors 'none'");
		expect(hostHeaders['X-Frame-Options']).toBe('DENY');
		expect(read('svelte.config.js')).toContain("csp: { mode: 'hash', directives: cspDirectives }");
	});

	it("gives a worker's script the workers' policy, known by destination or by path", async () => {
		const worker = { ...hostHeaders, ...workerHeaders };
		expect(
			[
				{ path: '/', dest: 'document' },
				{ path: '/_app/immutable/entry/start.js', dest: 'script' },
				{ path: '/_app/immutable/workers/git.worker-abc.js', dest: 'worker' },
				{ path: '/_app/immutable/workers/diff.worker-abc.js', dest: '' },
				{ path: '/src/lib/ui/workers/net.worker.ts', dest: 'worker' },
				{ path: '/service-worker.js', dest: 'serviceworker' },
				{ path: '/service-worker.js', dest: null }
			].map(headersFor)
		).toEqual([hostHeaders, hostHeaders, worker, worker, worker, worker, worker]);
		expect(workerHeaders['Content-Security-Policy']).toBe(
			"default-src 'none'; script-src 'self'; connect-src 'self' http: https: ws: wss:; " +
				"frame-ancestors 'none'"
		);
		// The network worker sends already-decided requests to any allowed host.
		expect(workerCspDirectives['connect-src']).toEqual(['self', 'http:', 'https:', 'ws:', 'wss:']);
		const served = withHeaders(
			new Response('self.onmessage = () => {};', {
				headers: { 'Content-Type': 'text/javascript' }
			}),
			headersFor({ path: '/_app/immutable/workers/net.worker-abc.js', dest: 'worker' })
		);
		expect(served.headers.get('Content-Security-Policy')).toBe(
			workerHeaders['Content-Security-Policy']
		);
	});
});

// The headers the built app is served with (tools/security-headers.js): the frame refusal on its
// pages, the workers' policy on its worker scripts, from vite preview and, where the host sends
// none, from the service worker.
import { expect, test, type Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { frameHeaders, workerHeaders } from '../../tools/security-headers.js';
import { startAppServer } from './app-server.ts';
import { screenshot } from './peers.ts';

const out = process.env.PATCHBAY_OUT;
// Every script of the workers' folder: the entries and the chunks they load on demand.
const workerScripts = readdirSync(`${out ? `${out}/build` : 'build'}/_app/immutable/workers`, {
	recursive: true,
	encoding: 'utf8'
})
	.filter((name) => name.endsWith('.js'))
	.map((name) => `/_app/immutable/workers/${name}`);
const workerEntries = workerScripts.filter((path) => !path.includes('/chunks/'));
const workerPolicy = workerHeaders['Content-Security-Policy'];

/** Starts a worker from `path` in the page and returns the headers its script came with. */
async function workerScriptHeaders(page: Page, path: string) {
	const [response] = await Promise.all([
		page.waitForResponse((response) => new URL(response.url()).pathname === path),
		page.evaluate((url) => void new Worker(url, { type: 'module' }), path)
	]);
	return response.allHeaders();
}

test.describe('Served headers', () => {
	test.use({ serviceWorkers: 'block' });

	test('vite preview: the page refuses frames, every worker script carries the workers policy', async ({
		page,
		request
	}) => {
		const response = await page.goto('/');
		await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
		const headers = response!.headers();
		expect([headers['x-frame-options'], headers['content-security-policy']]).toEqual([
			frameHeaders['X-Frame-Options'],
			frameHeaders['Content-Security-Policy']
		]);
		// The page's own policy is still the <meta> SvelteKit writes.
		expect(
			await page
				.locator('meta[http-equiv="content-security-policy"]')
				.first()
				.getAttribute('content')
		).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
		expect(workerEntries.map((path) => path.replace(/-[\w-]+\.js$/, '')).sort()).toEqual([
			'/_app/immutable/workers/diff.worker',
			'/_app/immutable/workers/git.worker',
			'/_app/immutable/workers/net.worker'
		]);
		// A worker the page starts gets its script with the policy.
		const started = await workerScriptHeaders(page, workerEntries[0]!);
		expect(started['content-security-policy']).toBe(workerPolicy);
		const served = await Promise.all(
			[...workerScripts, '/service-worker.js'].map(async (path) => {
				const headers = (await request.get(path)).headers();
				return [path, headers['content-security-policy'], headers['x-frame-options']];
			})
		);
		expect(served).toEqual(
			[...workerScripts, '/service-worker.js'].map((path) => [path, workerPolicy, 'DENY'])
		);
	});

	test('a page of another origin cannot frame the app; without the headers it could', async ({
		page,
		baseURL
	}) => {
		// The control frame loads the same app with the two headers taken away.
		await page.route(
			(url) => url.search === '?unguarded',
			async (route) => {
				const response = await route.fetch();
				const headers = { ...response.headers() };
				delete headers['x-frame-options'];
				delete headers['content-security-policy'];
				await route.fulfill({ response, headers });
			}
		);
		const framer = createServer((_req, res) => {
			res.writeHead(200, { 'Content-Type': 'text/html' });
			res.end(
				`<!doctype html><title>framer</title>` +
					`<iframe name="guarded" src="${baseURL}/"></iframe>` +
					`<iframe name="unguarded" src="${baseURL}/?unguarded"></iframe>`
			);
		});
		await new Promise<void>((resolve) => framer.listen(0, '127.0.0.1', resolve));
		try {
			const { port } = framer.address() as AddressInfo;
			await page.goto(`http://127.0.0.1:${port}/`);
			const unguarded = page.frame({ name: 'unguarded' })!;
			await expect(unguarded.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
			// Chromium refuses the guarded one and shows its own error page in the frame instead.
			await expect
				.poll(() => page.frame({ name: 'guarded' })?.url())
				.toBe('chrome-error://chromewebdata/');
			const guarded = page.frame({ name: 'guarded' })!;
			const headings = await guarded.locator('h1').allTextContents();
			expect(headings.map((text) => text.trim())).toEqual(['127.0.0.1 is blocked']);
			await screenshot(page, 'headers-framed');
		} finally {
			framer.closeAllConnections();
			await new Promise<void>((resolve) => framer.close(() => resolve()));
		}
	});
});

test('a host that sends no headers: the service worker adds the frame refusal and the workers policy', async ({
	page
}) => {
	const app = await startAppServer({ isolationHeaders: false });
	try {
		const first = await page.goto(`${app.url}/`);
		expect(first!.headers()['x-frame-options']).toBeUndefined();
		// The app reloads itself once the service worker is active; from then on it serves.
		await expect
			.poll(() => page.evaluate(() => crossOriginIsolated).catch(() => false), {
				timeout: 20_000
			})
			.toBe(true);
		const again = await page.reload();
		expect(again!.fromServiceWorker()).toBe(true);
		const headers = again!.headers();
		expect([headers['x-frame-options'], headers['content-security-policy']]).toEqual([
			'DENY',
			"frame-ancestors 'none'"
		]);
		const started = await workerScriptHeaders(page, workerEntries[0]!);
		expect(started['content-security-policy']).toBe(workerPolicy);
	} finally {
		await app.close();
	}
});

// Headless Chromium and the bench page: a static server for the built page (cross-origin isolated,
// as the app is), a call helper for `window.bench`, and the page's JS heap over CDP.
import { chromium, type Browser, type Page } from '@playwright/test';
import { existsSync, statSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { build } from 'vite';
import { listen, type RunningServer } from '../tests/servers/http-common.ts';
import { chromiumArgs, systemChromium } from '../tools/chromium.js';
import type { BenchApi } from './page/main.ts';

// measureUserAgentSpecificMemory otherwise waits for the next natural GC (up to 20 s).
const benchChromiumArgs = [...chromiumArgs, '--enable-blink-features=ForceEagerMeasureMemory'];

/**
 * `trustSpki`: the hash of the bench's self-signed certificate (bench/tls.ts), which this browser
 * then accepts for the HTTPS stand-ins, as a real browser accepts GitHub's.
 */
export function launchChromium(trustSpki?: string): Promise<Browser> {
	const trust = trustSpki ? [`--ignore-certificate-errors-spki-list=${trustSpki}`] : [];
	return chromium.launch({
		executablePath: systemChromium(),
		args: [...benchChromiumArgs, ...trust]
	});
}

const root = new URL('../', import.meta.url);
const configFile = new URL('./vite.config.ts', import.meta.url).pathname;
const pageDist = new URL('./.cache/page-dist/', import.meta.url).pathname;

/** The newest modification time of any file under `dir`, in ms. */
export async function newestMtime(dir: string): Promise<number> {
	let newest = 0;
	for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
	}
	return newest;
}

/** Builds the bench page unless the last build is newer than every source it is made of. */
export async function buildBenchPage(): Promise<void> {
	const stamp = join(pageDist, 'index.html');
	const sources = Math.max(
		await newestMtime(new URL('src/', root).pathname),
		await newestMtime(new URL('bench/page/', root).pathname),
		statSync(configFile).mtimeMs,
		statSync(new URL('bench/fixture-tree.ts', root).pathname).mtimeMs
	);
	if (existsSync(stamp) && statSync(stamp).mtimeMs > sources) return;
	await build({ configFile, logLevel: 'warn' });
}

const types: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.css': 'text/css',
	'.wasm': 'application/wasm'
};

/** Serves the built page with the app's cross-origin isolation headers. */
export function servePage(): Promise<RunningServer> {
	return listen(async (req, res) => {
		const path = new URL(req.url ?? '/', 'http://x').pathname;
		const file = join(pageDist, path === '/' ? 'index.html' : path);
		if (!file.startsWith(pageDist) || !existsSync(file)) {
			res.writeHead(404).end();
			return;
		}
		res.writeHead(200, {
			'Content-Type': types[extname(file)] ?? 'application/octet-stream',
			'Cross-Origin-Opener-Policy': 'same-origin',
			'Cross-Origin-Embedder-Policy': 'require-corp'
		});
		res.end(await readFile(file));
	});
}

export type BenchPage = {
	page: Page;
	call<K extends keyof BenchApi>(
		name: K,
		...args: Parameters<BenchApi[K]>
	): Promise<Awaited<ReturnType<BenchApi[K]>>>;
	/**
	 * The page's JS memory after a full GC: measureUserAgentSpecificMemory where the page has it,
	 * else CDP's used heap; `cdpBytes` is always CDP's used heap plus ArrayBuffer backing stores.
	 */
	heap(): Promise<{ bytes: number; method: string; cdpBytes: number }>;
	/** The largest used JS heap (CDP) seen while `work` runs, sampled every 50 ms. */
	peakHeapDuring<T>(work: Promise<T>): Promise<{ value: T; peakBytes: number }>;
	close(): Promise<void>;
};

export async function openBenchPage(browser: Browser, url: string): Promise<BenchPage> {
	const context = await browser.newContext();
	const page = await context.newPage();
	page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
	await page.goto(url);
	await page.waitForFunction(() => document.title === 'bench ready');
	const cdp = await context.newCDPSession(page);
	return {
		page,
		call: (name, ...args) =>
			page.evaluate(
				([n, a]) =>
					(window as unknown as { bench: Record<string, (...x: unknown[]) => unknown> }).bench[n]!(
						...a
					),
				[name, args] as const
			) as never,
		async heap() {
			await cdp.send('HeapProfiler.collectGarbage');
			const measured = await page.evaluate(() =>
				(window as unknown as { bench: BenchApi }).bench.measureMemory()
			);
			const usage = (await cdp.send('Runtime.getHeapUsage')) as {
				usedSize: number;
				backingStorageSize?: number;
			};
			const cdpBytes = usage.usedSize + (usage.backingStorageSize ?? 0);
			if (measured !== null) {
				return { bytes: measured, method: 'measureUserAgentSpecificMemory', cdpBytes };
			}
			return { bytes: usage.usedSize, method: 'Runtime.getHeapUsage', cdpBytes };
		},
		async peakHeapDuring(work) {
			let peakBytes = 0;
			let running = true;
			const sampling = (async () => {
				while (running) {
					const usage = await cdp.send('Runtime.getHeapUsage');
					peakBytes = Math.max(peakBytes, usage.usedSize);
					await new Promise((resolve) => setTimeout(resolve, 50));
				}
			})();
			try {
				return { value: await work, peakBytes };
			} finally {
				running = false;
				await sampling;
			}
		},
		close: () => context.close()
	};
}

// 8 Bundle: gzip size of the JS the app loads before the user starts a task (the home page, the
// service worker kept out so its precache does not count), and of every JS file in the build.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { appBuildDir, buildApp, previewApp } from '../app.ts';
import type { Benchmark } from '../context.ts';
import { figure } from '../stats.ts';

const KB = 1024;
const gzipped = (bytes: Uint8Array) => gzipSync(bytes).length;

async function allJs(): Promise<number> {
	let total = 0;
	for (const entry of await readdir(appBuildDir, { recursive: true, withFileTypes: true })) {
		if (entry.isFile() && entry.name.endsWith('.js')) {
			total += gzipped(await readFile(join(entry.parentPath, entry.name)));
		}
	}
	return total;
}

export const bundleBenchmark: Benchmark = {
	name: 'bundle',
	title: 'JS bundle (gzip)',
	async run(ctx) {
		await buildApp(ctx.log);
		const preview = await previewApp();
		const context = await ctx.browser.newContext({ serviceWorkers: 'block' });
		try {
			const page = await context.newPage();
			const sizes = new Map<string, number>();
			page.on('response', async (response) => {
				const type = response.headers()['content-type'] ?? '';
				if (!/javascript/.test(type) && !response.url().endsWith('.js')) return;
				sizes.set(response.url(), gzipped(await response.body()));
			});
			ctx.log('bundle: loading the app’s home page');
			await page.goto(`${preview.url}/`, { waitUntil: 'networkidle' });
			await page
				.getByRole('textbox', { name: 'Task' })
				.waitFor({ timeout: 10_000 })
				.catch(() => {});
			await page.waitForTimeout(1_000);
			const before = [...sizes.values()].reduce((a, b) => a + b, 0);
			const largest = [...sizes]
				.sort((a, b) => b[1] - a[1])
				.slice(0, 4)
				.map(
					([url, bytes]) =>
						`${new URL(url).pathname.split('/').pop()} ${(bytes / KB).toFixed(0)} KB`
				);
			const everything = await allJs();
			return [
				figure({
					benchmark: 'bundle',
					name: `JS before a task (${sizes.size} files)`,
					unit: 'KB',
					samples: [before / KB],
					reference: { label: 'all JS in the build', value: Math.round(everything / KB) },
					budget: { text: '< 150 KB', limit: 150, unit: 'KB' },
					note: `largest: ${largest.join(', ')}`
				}),
				figure({
					benchmark: 'bundle',
					name: 'all JS in the build',
					unit: 'KB',
					samples: [everything / KB]
				})
			];
		} finally {
			await context.close();
			await preview.stop();
		}
	}
};

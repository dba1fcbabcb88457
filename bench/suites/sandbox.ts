// 2 Sandbox ready: a checked-out baseline → its files in a Lite sandbox (blobs read from the object
// store, then the tree written), vs native `git archive HEAD | tar -x` of the same commit.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { openBenchPage } from '../browser.ts';
import type { Benchmark, BenchContext } from '../context.ts';
import type { TreeSize } from '../fixture-tree.ts';
import { timeCommand } from '../native.ts';
import { figure, median, repeat, type Figure } from '../stats.ts';

async function sandboxSize(ctx: BenchContext, size: TreeSize): Promise<Figure> {
	const repo = await ctx.repo(size);
	const counts = size === 'small' ? ctx.counts : ctx.heavy;
	const native = await repeat(counts, async (run) => {
		const dir = join(ctx.tmp, `tree-${repo.name}-${run}`);
		await mkdir(dir, { recursive: true });
		const ms = await timeCommand('sh', [
			'-c',
			`git --git-dir='${repo.bareDir}' archive HEAD | tar -x -C '${dir}'`
		]);
		await rm(dir, { recursive: true, force: true });
		return ms;
	});
	const bench = await openBenchPage(ctx.browser, ctx.pageUrl);
	try {
		ctx.log(`sandbox: baseline → Lite for ${repo.name}`);
		const spec = { repo: repo.name, gitUrl: ctx.gitUrl, apiBase: ctx.githubUrl };
		await bench.call('timeCheckout', { ...spec, path: 'smart', cold: true });
		const runs = await repeat(counts, () => bench.call('timeSandboxReady'));
		const samples = runs.map((r) => r.ms);
		const readMs = median(runs.map((r) => r.readMs));
		return figure({
			benchmark: 'sandbox',
			name: `baseline → Lite sandbox (${size}, ${repo.files.toLocaleString('en-US')} files)`,
			unit: 'ms',
			samples,
			reference: { label: 'git archive | tar -x', value: median(native) },
			note: `reading the blobs from the object store: ${readMs.toFixed(0)} ms of it`
		});
	} finally {
		await bench.close();
	}
}

export const sandboxBenchmark: Benchmark = {
	name: 'sandbox',
	title: 'Sandbox ready (Lite)',
	async run(ctx) {
		return [await sandboxSize(ctx, 'small'), await sandboxSize(ctx, 'medium')];
	}
};

// 3 Change detection + patch: 10 and 1,000 edited files on each tree size, in a Lite sandbox in
// the browser, vs native `git status --porcelain` + `git diff` on a clone with the same edits.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openBenchPage } from '../browser.ts';
import type { Benchmark, BenchContext } from '../context.ts';
import { fixtureWorktree } from '../fixture-repos.ts';
import { editedIndices, editFile, generateTree, type TreeSize } from '../fixture-tree.ts';
import { git } from '../native.ts';
import { figure, median, repeat, type Figure } from '../stats.ts';

const sizes: TreeSize[] = ['small', 'medium', 'large'];
const changedCounts = [10, 1_000];
const detectBudget = { text: '< 300 ms (10 changed)', limit: 300, unit: 'ms' };

const countsFor = (ctx: BenchContext, size: TreeSize) =>
	size === 'large' ? ctx.heavy : ctx.counts;

async function nativeStatusDiff(ctx: BenchContext, size: TreeSize, changed: number) {
	const dir = await fixtureWorktree(await ctx.repo(size), ctx.seed);
	const paths = generateTree(size, ctx.seed).map((f) => f.path);
	const indices = editedIndices(paths.length, changed);
	return repeat(countsFor(ctx, size), async () => {
		for (const index of indices) {
			const file = join(dir, paths[index]!);
			await writeFile(file, editFile(await readFile(file), index));
		}
		const ms =
			(await git(['status', '--porcelain'], dir)) + (await git(['diff', '--no-ext-diff'], dir));
		await git(['checkout', '--quiet', '--', '.'], dir);
		return ms;
	});
}

async function changesSize(ctx: BenchContext, size: TreeSize): Promise<Figure[]> {
	const bench = await openBenchPage(ctx.browser, ctx.pageUrl);
	const figures: Figure[] = [];
	try {
		ctx.log(`changes: preparing the ${size} tree in the page`);
		const { files } = await bench.call('prepareTree', size, ctx.seed);
		for (const changed of changedCounts) {
			const edited = editedIndices(files, changed).length;
			ctx.log(`changes: ${edited} edited of ${files} files`);
			const native = await nativeStatusDiff(ctx, size, changed);
			const runs = await repeat(countsFor(ctx, size), () => bench.call('timeChanges', changed));
			const listMs = median(runs.map((r) => r.listMs));
			const label = `${edited.toLocaleString('en-US')} changed of ${files.toLocaleString('en-US')}`;
			figures.push(
				figure({
					benchmark: 'changes',
					name: `detect + patch, ${label}`,
					unit: 'ms',
					samples: runs.map((r) => r.ms),
					reference: { label: 'git status + git diff', value: median(native) }
				}),
				figure({
					benchmark: 'changes',
					name: `detect only, ${label}`,
					unit: 'ms',
					samples: runs.map((r) => r.detectMs),
					note: `listing the sandbox alone: ${listMs.toFixed(0)} ms`,
					...(changed === 10 ? { budget: detectBudget } : {})
				})
			);
		}
	} finally {
		await bench.close();
	}
	return figures;
}

export const changesBenchmark: Benchmark = {
	name: 'changes',
	title: 'Change detection + formatPatch',
	async run(ctx) {
		const figures: Figure[] = [];
		for (const size of sizes) figures.push(...(await changesSize(ctx, size)));
		return figures;
	}
};

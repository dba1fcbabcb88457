// 7 Memory: the page's JS heap above the idle page's, with a tree's files in a Lite sandbox —
// after a smart-HTTP checkout for the 300- and 3,000-file trees; the 20,000-file tree is generated
// in the page instead, since its checkout alone takes minutes here — against the tree's own size;
// and the heap at its peak while four attempts run.
import { openBenchPage, type BenchPage } from '../browser.ts';
import type { Benchmark, BenchContext } from '../context.ts';
import type { TreeSize } from '../fixture-tree.ts';
import { figure, type Figure } from '../stats.ts';
import { parallelRuns } from './parallel.ts';

const MB = 1024 * 1024;

async function fill(ctx: BenchContext, bench: BenchPage, size: TreeSize, name: string) {
	if (size === 'large') {
		ctx.log(`memory: the ${size} tree generated into a Lite sandbox`);
		await bench.call('prepareTree', size, ctx.seed);
		return 'generated in the page';
	}
	ctx.log(`memory: smart-HTTP checkout of ${name} into a Lite sandbox`);
	const spec = { repo: name, gitUrl: ctx.gitUrl, apiBase: ctx.githubUrl };
	await bench.call('timeCheckout', { ...spec, path: 'smart', cold: true });
	await bench.call('timeSandboxReady');
	// As in the app, whose git worker keeps no store after handing the files over.
	await bench.call('releaseStore');
	return 'after checkout';
}

async function heapWith(ctx: BenchContext, size: TreeSize): Promise<Figure> {
	const repo = await ctx.repo(size);
	const bench = await openBenchPage(ctx.browser, ctx.pageUrl);
	try {
		const idle = await bench.heap();
		const how = await fill(ctx, bench, size, repo.name);
		const after = await bench.heap();
		// What the tree costs is the heap above the idle page: the bench page's own code (the app's
		// core, isomorphic-git, just-bash, the review component) is ~10 MB before any file, which
		// alone made a 1.9 MB tree read as 6.7×.
		return figure({
			benchmark: 'memory',
			name: `JS heap above the idle page, ${repo.files.toLocaleString('en-US')} files in a sandbox, ${how}`,
			unit: 'MB',
			samples: [(after.bytes - idle.bytes) / MB],
			reference: { label: 'the tree’s bytes', value: Math.round((repo.bytes / MB) * 10) / 10 },
			note:
				`${after.method}; whole heap ${(after.bytes / MB).toFixed(1)} MB, idle page ` +
				`${(idle.bytes / MB).toFixed(1)} MB; CDP heap + ArrayBuffers ${(after.cdpBytes / MB).toFixed(1)} MB`
		});
	} finally {
		await bench.close();
	}
}

export const memoryBenchmark: Benchmark = {
	name: 'memory',
	title: 'JS heap',
	async run(ctx) {
		const figures: Figure[] = [];
		for (const size of ['small', 'medium', 'large'] as const) {
			figures.push(await heapWith(ctx, size));
		}
		const runs = await parallelRuns({ ...ctx, counts: { warmup: 0, runs: 1 } });
		figures.push(
			figure({
				benchmark: 'memory',
				name: 'JS heap peak, 4 attempts at once',
				unit: 'MB',
				samples: runs.map((r) => r.peakBytes / MB),
				note: 'Runtime.getHeapUsage sampled every 50 ms'
			})
		);
		return figures;
	}
};

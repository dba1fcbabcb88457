// 1 Checkout (REST snapshot and smart HTTP, cold and warm) vs native `git clone --depth 1` of the
// same repo over the same local git server.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { openBenchPage } from '../browser.ts';
import { BENCH_TOKEN, type Benchmark, type BenchContext } from '../context.ts';
import { OWNER } from '../fixture-repos.ts';
import type { TreeSize } from '../fixture-tree.ts';
import { git } from '../native.ts';
import { figure, median, repeat, type Figure, type RunCounts } from '../stats.ts';

const checkoutBudget = { text: '≤ 1.5× native', limit: 1.5, unit: 'x' };

async function nativeClone(ctx: BenchContext, name: string, counts: RunCounts) {
	const url = `${ctx.gitUrl}/${OWNER}/${name}.git`;
	return repeat(counts, async (run) => {
		const dir = join(ctx.tmp, `clone-${name}-${run}`);
		const ms = await git(['clone', '--quiet', '--depth', '1', '--single-branch', url, dir]);
		await rm(dir, { recursive: true, force: true });
		return ms;
	});
}

/** Besides the app's RAW_REQUESTS_IN_FLIGHT (core/forge/github/snapshot.ts), measured in the same run. */
const IN_FLIGHT_TRIED = [6, 16];

const requestsNote = (requests: number) =>
	`${requests.toLocaleString('en-US')} requests; raw content over HTTP/2 + TLS (bench/raw-cdn.ts)`;

type Path = 'rest' | 'smart';
const pathLabel: Record<Path, string> = { rest: 'REST snapshot', smart: 'smart HTTP' };

async function checkoutSize(ctx: BenchContext, size: TreeSize): Promise<Figure[]> {
	const repo = await ctx.repo(size);
	const label = `${size}, ${repo.files.toLocaleString('en-US')} files`;
	ctx.log(`checkout: native clone of ${repo.name}`);
	const counts = size === 'small' ? ctx.counts : ctx.heavy;
	// A warm run follows the cold ones, which have warmed the code up already.
	const warmCounts = { warmup: 0, runs: counts.runs };
	const native = await nativeClone(ctx, repo.name, counts);
	const reference = { label: 'git clone --depth 1', value: median(native) };
	const figures: Figure[] = [];
	const bench = await openBenchPage(ctx.browser, ctx.pageUrl);
	try {
		for (const path of ['rest', 'smart'] as const) {
			const spec = { path, repo: repo.name, gitUrl: ctx.gitUrl, apiBase: ctx.githubUrl };
			ctx.log(`checkout: ${pathLabel[path]} of ${repo.name}, cold`);
			let requests = 0;
			const cold = await repeat(counts, async () => {
				const result = await bench.call('timeCheckout', { ...spec, cold: true });
				requests = result.requests;
				return result.ms;
			});
			ctx.log(`checkout: ${pathLabel[path]} of ${repo.name}, warm`);
			const warm = await repeat(warmCounts, async () => {
				const result = await bench.call('timeCheckout', { ...spec, cold: false });
				if (!result.fromCache && path === 'rest') throw new Error('warm checkout was not cached');
				return result.ms;
			});
			for (const [state, samples] of [
				['cold', cold],
				['warm', warm]
			] as const) {
				figures.push(
					figure({
						benchmark: 'checkout',
						name: `${pathLabel[path]}, ${state} (${label})`,
						unit: 'ms',
						samples,
						reference,
						budget: checkoutBudget,
						budgetOn: 'ratio',
						...(state === 'cold' && path === 'rest' ? { note: requestsNote(requests) } : {})
					})
				);
			}
		}
		// The levers tried for the REST path: GraphQL batches (what a token gets), other numbers of
		// raw requests in flight.
		{
			const spec = {
				path: 'rest' as const,
				repo: repo.name,
				gitUrl: ctx.gitUrl,
				apiBase: ctx.githubUrl
			};
			ctx.log(`checkout: REST snapshot of ${repo.name}, cold, GraphQL batches`);
			let requests = 0;
			const cold = await repeat(counts, async () => {
				const result = await bench.call('timeCheckout', {
					...spec,
					cold: true,
					token: BENCH_TOKEN
				});
				requests = result.requests;
				return result.ms;
			});
			figures.push(
				figure({
					benchmark: 'checkout',
					name: `REST snapshot, cold, with a token: GraphQL batches (${label})`,
					unit: 'ms',
					samples: cold,
					reference,
					budget: checkoutBudget,
					budgetOn: 'ratio',
					note: `${requestsNote(requests)}; GraphQL from the GitHub peer (one git cat-file a batch)`
				})
			);
		}
		for (const inFlight of IN_FLIGHT_TRIED) {
			const spec = {
				path: 'rest' as const,
				repo: repo.name,
				gitUrl: ctx.gitUrl,
				apiBase: ctx.githubUrl
			};
			ctx.log(`checkout: REST snapshot of ${repo.name}, cold, ${inFlight} in flight`);
			const cold = await repeat(
				counts,
				async () => (await bench.call('timeCheckout', { ...spec, cold: true, inFlight })).ms
			);
			figures.push(
				figure({
					benchmark: 'checkout',
					name: `REST snapshot, cold, ${inFlight} raw requests in flight (${label})`,
					unit: 'ms',
					samples: cold,
					reference,
					budget: checkoutBudget,
					budgetOn: 'ratio'
				})
			);
		}
	} finally {
		await bench.close();
	}
	return figures;
}

export const checkoutBenchmark: Benchmark = {
	name: 'checkout',
	title: 'Checkout, both paths, cold and warm',
	async run(ctx) {
		return [...(await checkoutSize(ctx, 'small')), ...(await checkoutSize(ctx, 'medium'))];
	}
};

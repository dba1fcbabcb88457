// GitLab checkout, cold and warm, both ways its files can come (the repository archive; the tree
// and one raw request a blob) and the way the app picks, next to GitHub's REST snapshot and native
// `git clone --depth 1` of the same repo, measured in the same run: the 300- and 3,000-file
// fixtures, and before them repositories of 10, 30 and 100 files (GitLab rows only), where the
// two ways come closest. The GitLab peer serves them behind bench/gitlab-cdn.ts and the HTTP/2 +
// TLS front GitHub's figures use (bench/raw-cdn.ts); rows are taken in turns (one cold + warm run
// of each, then again), so a machine whose load drifts weighs on every row alike.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startGitLabServer } from '../../tests/servers/gitlab.ts';
import { openBenchPage } from '../browser.ts';
import type { Benchmark, BenchContext } from '../context.ts';
import { createBareRepo } from '../../tests/fixtures/bare-repo.ts';
import { OWNER, type FixtureRepo } from '../fixture-repos.ts';
import { generateTree, type TreeSize } from '../fixture-tree.ts';
import { startGitLabCache } from '../gitlab-cdn.ts';
import { git } from '../native.ts';
import type { CheckoutSpec } from '../page/checkout.ts';
import { startRawCdn } from '../raw-cdn.ts';
import { figure, median, repeat, type Figure, type RunCounts } from '../stats.ts';

const checkoutBudget = { text: '≤ 1.5× native', limit: 1.5, unit: 'x' };

type Row = { label: string; spec: Omit<CheckoutSpec, 'cold' | 'repo'> };

function rowsFor(ctx: BenchContext, gitlabUrl: string, github: boolean): Row[] {
	const base = { gitUrl: ctx.gitUrl, apiBase: ctx.githubUrl, gitlabUrl };
	return [
		...(github
			? [{ label: 'GitHub REST snapshot', spec: { ...base, path: 'rest' as const } }]
			: []),
		{ label: 'GitLab archive', spec: { ...base, path: 'gitlab', gitlabWay: 'archive' } },
		{ label: 'GitLab tree + raw blobs', spec: { ...base, path: 'gitlab', gitlabWay: 'raw' } },
		{ label: "GitLab, the app's choice", spec: { ...base, path: 'gitlab' } }
	];
}

/** A repository of a few files (the small tree's first `files`), for where the ways part. */
async function fewFiles(root: string, files: number, seed: number) {
	const name = `gitlab-few-${files}`;
	const tree = generateTree('small', seed).slice(0, files);
	await createBareRepo(join(root, OWNER, `${name}.git`), [
		{ message: `${files} files`, files: Object.fromEntries(tree.map((f) => [f.path, f.bytes])) }
	]);
	return { name, files };
}

async function forRepo(
	ctx: BenchContext,
	repo: { name: string; files: number },
	label: string,
	counts: RunCounts,
	rows: Row[]
): Promise<Figure[]> {
	const url = `${ctx.gitUrl}/${OWNER}/${repo.name}.git`;
	ctx.log(`forge-checkout: native clone of ${repo.name}`);
	const native = await repeat(counts, async (run) => {
		const dir = join(ctx.tmp, `forge-clone-${repo.name}-${run}`);
		const ms = await git(['clone', '--quiet', '--depth', '1', '--single-branch', url, dir]);
		await rm(dir, { recursive: true, force: true });
		return ms;
	});
	const reference = { label: 'git clone --depth 1', value: median(native) };
	const cold = rows.map(() => [] as number[]);
	const warm = rows.map(() => [] as number[]);
	const notes = rows.map(() => '');
	const bench = await openBenchPage(ctx.browser, ctx.pageUrl);
	try {
		// Unrecorded first runs: the code warms up, and the GitLab stand-in's caches fill.
		for (const row of rows)
			await bench.call('timeCheckout', { ...row.spec, repo: repo.name, cold: true });
		for (let round = 0; round < counts.runs; round++) {
			for (const [i, row] of rows.entries()) {
				ctx.log(`forge-checkout: ${row.label} of ${repo.name}, round ${round + 1}`);
				const spec = { ...row.spec, repo: repo.name };
				const first = await bench.call('timeCheckout', { ...spec, cold: true });
				const again = await bench.call('timeCheckout', { ...spec, cold: false });
				if (!again.fromCache) throw new Error(`${row.label}: the warm checkout was not cached`);
				cold[i]!.push(first.ms);
				warm[i]!.push(again.ms);
				const mb = (first.bytes / 1024 / 1024).toFixed(1);
				notes[i] = `${first.requests.toLocaleString('en-US')} requests, ${mb} MB fetched`;
			}
		}
	} finally {
		await bench.close();
	}
	return rows.flatMap((row, i) =>
		(['cold', 'warm'] as const).map((state) =>
			figure({
				benchmark: 'forge-checkout',
				name: `${row.label}, ${state} (${label})`,
				unit: 'ms',
				samples: state === 'cold' ? cold[i]! : warm[i]!,
				reference,
				budget: checkoutBudget,
				budgetOn: 'ratio',
				...(state === 'cold' ? { note: notes[i] } : {})
			})
		)
	);
}

export const forgeCheckoutBenchmark: Benchmark = {
	name: 'forge-checkout',
	title: 'GitLab checkout (archive, tree + raw) next to GitHub REST and git clone --depth 1',
	async run(ctx) {
		const small = await ctx.repo('small');
		const medium = await ctx.repo('medium');
		// Beside the fixtures, where the git server and the GitLab peer serve them (GitHub's raw
		// stand-in knows only the fixtures: these have GitLab rows only).
		const few = [];
		for (const files of [10, 30, 100]) few.push(await fewFiles(small.root, files, ctx.seed));
		const peer = await startGitLabServer({ root: small.root });
		const cache = await startGitLabCache(peer.url);
		const front = await startRawCdn(cache.url, ctx.seed, { tls: ctx.certificate });
		const sized = (size: TreeSize, repo: FixtureRepo) =>
			forRepo(
				ctx,
				repo,
				`${size}, ${repo.files.toLocaleString('en-US')} files`,
				size === 'small' ? ctx.counts : ctx.heavy,
				rowsFor(ctx, front.url, true)
			);
		try {
			const figures: Figure[] = [];
			for (const repo of few)
				figures.push(
					...(await forRepo(
						ctx,
						repo,
						`${repo.files} files`,
						ctx.counts,
						rowsFor(ctx, front.url, false)
					))
				);
			figures.push(...(await sized('small', small)), ...(await sized('medium', medium)));
			return figures;
		} finally {
			await Promise.all([front.close(), cache.close(), peer.close()]);
		}
	}
};

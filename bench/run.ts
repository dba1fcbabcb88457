// `npm run bench [-- <name>…] [--seed N] [--runs N]`: builds the bench page, starts the local
// peers over generated fixture repos, runs each benchmark in headless Chromium, prints the table
// and writes bench/results.json. Figures are reported, never asserted.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem, type as osType, release } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { startGitServer } from '../tests/servers/git.ts';
import { startGitHubServer } from '../tests/servers/github.ts';
import { startModelServer } from '../tests/servers/model.ts';
import { argValue } from '../tests/servers/http-common.ts';
import { buildBenchPage, launchChromium, servePage } from './browser.ts';
import { startRawCdn } from './raw-cdn.ts';
import { makeCertificate } from './tls.ts';
import { BENCH_TOKEN, type Benchmark, type BenchContext } from './context.ts';
import { fixtureRepo, reposRoot, type FixtureRepo } from './fixture-repos.ts';
import { DEFAULT_SEED, type TreeSize } from './fixture-tree.ts';
import { table, type Figure } from './stats.ts';
import { agentBenchmark } from './suites/agent.ts';
import { bundleBenchmark } from './suites/bundle.ts';
import { changesBenchmark } from './suites/changes.ts';
import { checkoutBenchmark } from './suites/checkout.ts';
import { forgeCheckoutBenchmark } from './suites/forge-checkout.ts';
import { gitBenchmark } from './suites/git.ts';
import { memoryBenchmark } from './suites/memory.ts';
import { parallelBenchmark } from './suites/parallel.ts';
import { reviewBenchmark } from './suites/review.ts';
import { sandboxBenchmark } from './suites/sandbox.ts';
import { snapshotBenchmark } from './suites/snapshot.ts';
import { startBenchmark } from './suites/start.ts';

const benchmarks: Benchmark[] = [
	checkoutBenchmark,
	forgeCheckoutBenchmark,
	sandboxBenchmark,
	snapshotBenchmark,
	startBenchmark,
	changesBenchmark,
	reviewBenchmark,
	agentBenchmark,
	parallelBenchmark,
	memoryBenchmark,
	bundleBenchmark,
	gitBenchmark
];

function chosen(argv: string[]): Benchmark[] {
	const valued = new Set(['--seed', '--runs']);
	const names = argv.filter((arg, i) => !arg.startsWith('--') && !valued.has(argv[i - 1] ?? ''));
	if (names.length === 0) return benchmarks;
	return names.map((name) => {
		const found = benchmarks.find((b) => b.name === name);
		if (!found) {
			console.error(`no benchmark "${name}"; one of: ${benchmarks.map((b) => b.name).join(', ')}`);
			process.exit(2);
		}
		return found;
	});
}

const version = (command: string, args: string[]) =>
	execFileSync(command, args, { encoding: 'utf8' }).trim();

async function main() {
	const argv = process.argv.slice(2);
	const selected = chosen(argv);
	const seed = Number(argValue(argv, 'seed') ?? DEFAULT_SEED);
	const runs = Number(argValue(argv, 'runs') ?? 5);
	const started = performance.now();
	const log = (message: string) =>
		console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}`);

	log('building the bench page');
	await buildBenchPage();
	const repos = new Map<TreeSize, Promise<FixtureRepo>>();
	const repo = (size: TreeSize) => {
		if (!repos.has(size)) {
			log(`fixture: ${size} tree (seed ${seed})`);
			repos.set(size, fixtureRepo(size, seed));
		}
		return repos.get(size)!;
	};
	const root = reposRoot(seed);
	await repo('small');
	const [git, github, model, page] = await Promise.all([
		startGitServer({ root }),
		// A token for the app's runs (suites/start.ts): unauthenticated callers get 60 requests an hour.
		startGitHubServer({ root, tokens: { [BENCH_TOKEN]: { login: 'bench', scopes: ['repo'] } } }),
		startModelServer(),
		servePage()
	]);
	// HTTP/2 over TLS, as GitHub's hosts answer (see raw-cdn.ts).
	const certificate = makeCertificate();
	const cdn = await startRawCdn(github.url, seed, { tls: certificate });
	const browser = await launchChromium(certificate.spki);
	const tmp = await mkdtemp(join(tmpdir(), 'patchbay-bench-'));
	const ctx: BenchContext = {
		seed,
		counts: { warmup: 1, runs },
		heavy: { warmup: 0, runs: Math.min(3, runs) },
		browser,
		certificate,
		pageUrl: `${page.url}/`,
		gitUrl: git.url,
		githubUrl: cdn.url,
		model,
		repo,
		tmp,
		log
	};
	const figures: Figure[] = [];
	const failures: { benchmark: string; error: string }[] = [];
	try {
		for (const benchmark of selected) {
			log(`== ${benchmark.name}: ${benchmark.title}`);
			try {
				figures.push(...(await benchmark.run(ctx)));
			} catch (error) {
				const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
				failures.push({ benchmark: benchmark.name, error: message });
				console.error(`${benchmark.name} failed: ${message}`);
			}
		}
	} finally {
		await browser.close();
		await Promise.all([git.close(), github.close(), cdn.close(), model.close(), page.close()]);
		await rm(tmp, { recursive: true, force: true });
	}

	const results = {
		date: new Date().toISOString(),
		durationS: Math.round((performance.now() - started) / 1000),
		seed,
		runs,
		machine: {
			os: `${osType()} ${release()}`,
			cpus: cpus().length,
			cpu: cpus()[0]?.model ?? 'unknown',
			memoryGB: Math.round(totalmem() / 1024 ** 3)
		},
		versions: {
			node: process.version,
			chromium: browser.version(),
			git: version('git', ['--version'])
		},
		figures,
		failures
	};
	await writeFile(
		new URL('./results.json', import.meta.url),
		`${JSON.stringify(results, null, '\t')}\n`
	);
	console.log(`\n${table(figures)}\n`);
	log(`done; bench/results.json written${failures.length ? `, ${failures.length} failed` : ''}`);
	if (failures.length) process.exitCode = 1;
}

await main();

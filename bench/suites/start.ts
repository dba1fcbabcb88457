// Paste → the agent's first model request, on the real built app: Settings filled in through the
// page (the scripted model peer; the GitHub API base is the raw-content stand-in in front of the
// GitHub peer, so the REST snapshot path is the one taken), the 3,000-file repo pasted into the
// composer, a task typed, Code pressed. Timed in Node from the paste (the "Use" press, which is
// what a paste triggers) and from the Code press until the model peer receives the chat request.
// Cold: the first task in a fresh browser context (nothing cached); warm: a second task, pasting
// the same repo again, in the same context.
import type { BrowserContext, Page } from '@playwright/test';
import { configure } from '../../tests/e2e/peers.ts';
import type { Step } from '../../tests/servers/model.ts';
import { buildApp, previewApp } from '../app.ts';
import { BENCH_TOKEN, type Benchmark, type BenchContext } from '../context.ts';
import { OWNER } from '../fixture-repos.ts';
import { figure, median, type Figure } from '../stats.ts';

const budgets = {
	cold: { text: '< 5 s', limit: 5_000, unit: 'ms' },
	warm: { text: '< 2 s', limit: 2_000, unit: 'ms' }
};

type Sample = {
	fromPaste: number;
	fromCode: number;
	proposal: number;
	/** The attempt log's prepare steps (with their durations) and notices, as shown. */
	prepare: string;
};

/** When the model peer's session received each chat request (Node's clock). */
function scriptedSession(ctx: BenchContext) {
	const arrivals: number[] = [];
	const record = () => (arrivals.push(performance.now()), null);
	const steps: Step[] = Array.from({ length: 20 }, () => ({ content: 'Done.', expect: record }));
	return { ...ctx.model.script(steps), arrivals };
}

async function firstRequestAfter(arrivals: number[], since: number, timeoutMs = 120_000) {
	const deadline = performance.now() + timeoutMs;
	for (;;) {
		const at = arrivals.find((t) => t >= since);
		if (at !== undefined) return at;
		if (performance.now() > deadline) throw new Error('no model request arrived');
		await new Promise((resolve) => setTimeout(resolve, 2));
	}
}

async function oneTask(page: Page, repo: string, arrivals: number[]): Promise<Sample> {
	await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	// The WebContainer's runtime loads from StackBlitz, out of reach here: the environment a paste
	// makes ("auto" runtime) would wait out the 20 s boot limit once per page, then use Lite. The
	// page is told it is not cross-origin isolated, so "auto" takes Lite at once, as it does where
	// the WebContainer cannot run; the figure is for the Lite runtime, no WebContainer boot in it.
	// Only once the service worker is ready: the app checks isolation then (and would reload).
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		await new Promise((resolve) => setTimeout(resolve, 50));
		Object.defineProperty(globalThis, 'crossOriginIsolated', { value: false, configurable: true });
	});
	const repoBox = page.getByRole('textbox', { name: 'Repository' });
	await repoBox.fill(repo);
	const pasted = performance.now();
	await page.getByRole('button', { name: 'Use', exact: true }).click();
	// The setup proposal is what the composer shows once the paste is looked up; it is left as
	// proposed (this repo has nothing to set up).
	const proposalShown = page.getByTestId('setup-proposal');
	await proposalShown.or(page.getByTestId('paste-error')).waitFor({ timeout: 120_000 });
	if (!(await proposalShown.count()))
		throw new Error(`paste failed: ${await page.getByTestId('paste-error').innerText()}`);
	const proposal = performance.now() - pasted;
	await page.getByRole('textbox', { name: 'Task' }).fill('Explain what src/pkg-000 does');
	const pressed = performance.now();
	await page.getByRole('button', { name: 'Code', exact: true }).click();
	const arrived = await firstRequestAfter(arrivals, pressed);
	// Let the attempt finish (the reply ends it) before the next task or the context closes.
	await page
		.locator('.pill[data-status="done"], .pill[data-status="failed"]')
		.first()
		.waitFor({ timeout: 60_000 });
	const failed = await page.locator('.pill[data-status="failed"]').count();
	const prepare = (await page.locator('.prepare').first().innerText()).replace(/\s+/g, ' ');
	if (failed) throw new Error(`the attempt failed: ${prepare}`);
	return { fromPaste: arrived - pasted, fromCode: arrived - pressed, proposal, prepare };
}

export const startBenchmark: Benchmark = {
	name: 'start',
	title: 'Paste → first model request (real app, 3,000-file repo)',
	async run(ctx) {
		await buildApp(ctx.log);
		const repo = await ctx.repo('medium');
		const preview = await previewApp(4302);
		const cold: Sample[] = [];
		const warm: Sample[] = [];
		const runs = ctx.heavy.runs;
		try {
			for (let run = 0; run < runs; run++) {
				const session = scriptedSession(ctx);
				const context: BrowserContext = await ctx.browser.newContext({ baseURL: preview.url });
				try {
					const pending = new Set<string>();
					context.on('request', (r) => pending.add(r.url()));
					context.on('requestfinished', (r) => pending.delete(r.url()));
					context.on('requestfailed', (r) => pending.delete(r.url()));
					const page = await context.newPage();
					page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
					page.on('console', (m) => {
						if (m.type() === 'error') console.error(`  console: ${m.text()}`);
					});
					const dump = async () => {
						console.error(`  pending: ${[...pending].slice(0, 10).join(' ')}`);
						const text = await page
							.locator('main')
							.innerText()
							.catch(() => '');
						console.error(`  page: ${text.replace(/\s+/g, ' ').slice(0, 600)}`);
					};
					await configure(page, {
						modelBaseURL: session.baseURL,
						model: 'scripted-model',
						githubApiBase: ctx.githubUrl,
						githubToken: BENCH_TOKEN
					});
					ctx.log(`start: ${repo.name}, fresh context ${run + 1} of ${runs}: cold, then warm`);
					for (const [state, samples] of [
						['cold', cold],
						['warm', warm]
					] as const) {
						const sample = await oneTask(page, `${OWNER}/${repo.name}`, session.arrivals).catch(
							async (error: unknown) => {
								await dump();
								throw error;
							}
						);
						ctx.log(
							`start: ${state}: paste → request ${sample.fromPaste.toFixed(0)} ms, proposal ${sample.proposal.toFixed(0)} ms, Code → request ${sample.fromCode.toFixed(0)} ms; ${sample.prepare}`
						);
						samples.push(sample);
					}
				} finally {
					await context.close();
				}
			}
		} finally {
			await preview.stop();
		}
		const label = `${repo.files.toLocaleString('en-US')} files, REST snapshot`;
		const figures: Figure[] = [];
		for (const [state, samples] of [
			['cold', cold],
			['warm', warm]
		] as const) {
			const fromCode = median(samples.map((s) => s.fromCode));
			const proposal = median(samples.map((s) => s.proposal));
			figures.push(
				figure({
					benchmark: 'start',
					name: `paste → first model request, ${state} (${label})`,
					unit: 'ms',
					samples: samples.map((s) => s.fromPaste),
					budget: budgets[state],
					note: `paste → setup proposal shown ${proposal.toFixed(0)} ms; Code press → request ${fromCode.toFixed(0)} ms`
				}),
				figure({
					benchmark: 'start',
					name: `… of which: paste → setup proposal shown, ${state}`,
					unit: 'ms',
					samples: samples.map((s) => s.proposal)
				}),
				figure({
					benchmark: 'start',
					name: `… of which: Code press → first model request, ${state}`,
					unit: 'ms',
					samples: samples.map((s) => s.fromCode)
				})
			);
		}
		return figures;
	}
};

// 6 Parallel: four scripted attempts (runAttempt on Lite, a 300-file tree) at once vs one after
// another, and the longest main-thread task; 7 the JS heap at its peak while the four run.
import { openBenchPage } from '../browser.ts';
import type { Benchmark, BenchContext } from '../context.ts';
import { figure, median, repeat, type Figure } from '../stats.ts';

const ATTEMPTS = 4;
const commands = [
	'ls src/pkg-000/mod-00',
	'grep -rn value src/pkg-000/mod-01 | head -20',
	'head -40 src/pkg-000/mod-00/file-00003.ts',
	'find src/pkg-000 -name "*.ts" | wc -l',
	'wc -l src/pkg-000/mod-02/*.ts'
];

function scripts(ctx: BenchContext): string[] {
	const steps = [
		...[...commands, ...commands].map((command) => ({
			content: 'Looking.',
			toolCalls: [{ name: 'shell', arguments: { command } }]
		})),
		{ content: 'Nothing to change.' }
	];
	return Array.from({ length: ATTEMPTS }, () => ctx.model.script(steps).baseURL);
}

export async function parallelRuns(ctx: BenchContext) {
	const bench = await openBenchPage(ctx.browser, ctx.pageUrl);
	try {
		ctx.log(`parallel: ${ATTEMPTS} attempts at once, then one after another`);
		return await repeat(ctx.counts, async () => {
			const { value: together, peakBytes } = await bench.peakHeapDuring(
				bench.call('timeAttempts', scripts(ctx), ctx.seed, true)
			);
			const serial = await bench.call('timeAttempts', scripts(ctx), ctx.seed, false);
			return { together, serial, peakBytes };
		});
	} finally {
		await bench.close();
	}
}

export function parallelFigures(runs: Awaited<ReturnType<typeof parallelRuns>>): Figure[] {
	return [
		figure({
			benchmark: 'parallel',
			name: `${ATTEMPTS} attempts at once, total`,
			unit: 'ms',
			samples: runs.map((r) => r.together.ms),
			reference: { label: `one attempt ×${ATTEMPTS}`, value: median(runs.map((r) => r.serial.ms)) }
		}),
		figure({
			benchmark: 'parallel',
			name: `longest main-thread task, ${ATTEMPTS} at once`,
			unit: 'ms',
			samples: runs.map((r) => r.together.longestTaskMs),
			reference: {
				label: `one attempt ×${ATTEMPTS}`,
				value: median(runs.map((r) => r.serial.longestTaskMs))
			},
			budget: { text: 'no frozen page (≤ 100 ms)', limit: 100, unit: 'ms' }
		})
	];
}

export const parallelBenchmark: Benchmark = {
	name: 'parallel',
	title: 'Four attempts in parallel',
	async run(ctx) {
		return parallelFigures(await parallelRuns(ctx));
	}
};

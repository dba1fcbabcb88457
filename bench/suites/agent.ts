// 5 Agent loop overhead: a scripted 50-turn run against an instant model server, one trivial shell
// command a turn; ms per tool call with the commands' own time taken out.
import { openBenchPage } from '../browser.ts';
import type { Benchmark } from '../context.ts';
import { figure, repeat } from '../stats.ts';

const TURNS = 50;

export const agentBenchmark: Benchmark = {
	name: 'agent',
	title: 'Agent loop overhead per tool call',
	async run(ctx) {
		const steps = [
			...Array.from({ length: TURNS }, () => ({
				toolCalls: [{ name: 'shell', arguments: { command: 'true' } }]
			})),
			{ content: 'Done.' }
		];
		const bench = await openBenchPage(ctx.browser, ctx.pageUrl);
		try {
			ctx.log(`agent: ${TURNS}-turn scripted runs`);
			const runs = await repeat(ctx.counts, () =>
				bench.call('timeAgentLoop', ctx.model.script(steps).baseURL, TURNS)
			);
			return [
				figure({
					benchmark: 'agent',
					name: 'loop overhead per tool call (model round trip included)',
					unit: 'ms',
					samples: runs.map((r) => r.perCallMs),
					budget: { text: '< 20 ms', limit: 20, unit: 'ms' }
				}),
				figure({
					benchmark: 'agent',
					name: '… of which: model request to parsed tool call',
					unit: 'ms',
					samples: runs.map((r) => r.modelPerCallMs)
				}),
				figure({
					benchmark: 'agent',
					name: '… of which: tool call to result, command excluded',
					unit: 'ms',
					samples: runs.map((r) => r.toolPerCallMs)
				}),
				figure({
					benchmark: 'agent',
					name: `whole ${TURNS}-turn run`,
					unit: 'ms',
					samples: runs.map((r) => r.ms),
					note: 'includes the commands themselves'
				})
			];
		} finally {
			await bench.close();
		}
	}
};

import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../src/lib/core/agent/index.ts';
import {
	attemptCost,
	describeTotal,
	spendReport,
	sumTotals,
	usageEventsOf,
	type Price
} from '../../../src/lib/core/cost/index.ts';
import type { Usage } from '../../../src/lib/core/model/index.ts';
import type { AttemptLogEntry } from '../../../src/lib/core/tasks/index.ts';

const prices: Price[] = [{ model: 'paid', input: 10, cachedInput: 1, output: 100 }];
const HOSTED = 'https://api.example.com';
const LOCAL = 'http://127.0.0.1:11434';

function usageEntry(turn: number, usage: Usage, model: string, endpoint: string): AttemptLogEntry {
	const event: AgentEvent = {
		type: 'usage',
		turn,
		usage,
		total: usage,
		estimated: false,
		model,
		endpoint
	};
	return { kind: 'agent', event };
}

describe('attemptCost', () => {
	it('prices each turn, numbers turns across follow-ups, and totals them', () => {
		const entries: AttemptLogEntry[] = [
			{ kind: 'user', text: 'go' },
			usageEntry(1, { promptTokens: 1000, completionTokens: 100 }, 'paid', HOSTED),
			usageEntry(
				2,
				{ promptTokens: 2000, completionTokens: 50, cachedTokens: 1000 },
				'paid',
				HOSTED
			),
			{ kind: 'user', text: 'and more' },
			usageEntry(1, { promptTokens: 3000, completionTokens: 10 }, 'llama3', LOCAL)
		];
		// Turn 1: 1000×$10 + 100×$100 = $0.02 per million-scaled; turn 2: 1000×$10 + 1000×$1 + 50×$100.
		expect(attemptCost(usageEventsOf(entries), prices, 8000)).toEqual({
			turns: [
				{
					turn: 1,
					model: 'paid',
					usage: { promptTokens: 1000, completionTokens: 100 },
					estimated: false,
					charge: { kind: 'priced', usd: 0.02 }
				},
				{
					turn: 2,
					model: 'paid',
					usage: { promptTokens: 2000, completionTokens: 50, cachedTokens: 1000 },
					estimated: false,
					charge: { kind: 'priced', usd: 0.016 }
				},
				{
					turn: 3,
					model: 'llama3',
					usage: { promptTokens: 3000, completionTokens: 10 },
					estimated: false,
					charge: { kind: 'free' }
				}
			],
			total: {
				usage: { promptTokens: 6000, completionTokens: 160, cachedTokens: 1000 },
				usd: 0.036,
				turns: 3,
				unpriced: 0,
				free: 1
			},
			context: { model: 'llama3', used: 3010, window: 8000 }
		});
	});

	it('counts turns with no price apart, so their money is never guessed', () => {
		const entries = [
			usageEntry(1, { promptTokens: 1000, completionTokens: 0 }, 'paid', HOSTED),
			usageEntry(2, { promptTokens: 500, completionTokens: 5 }, 'mystery', HOSTED)
		];
		const { total } = attemptCost(usageEventsOf(entries), prices);
		expect(total).toEqual({
			usage: { promptTokens: 1500, completionTokens: 5 },
			usd: 0.01,
			turns: 2,
			unpriced: 1,
			free: 0
		});
		expect(sumTotals([total, total])).toEqual({
			usage: { promptTokens: 3000, completionTokens: 10 },
			usd: 0.02,
			turns: 4,
			unpriced: 2,
			free: 0
		});
		expect(attemptCost([], prices)).toEqual({
			turns: [],
			total: {
				usage: { promptTokens: 0, completionTokens: 0 },
				usd: 0,
				turns: 0,
				unpriced: 0,
				free: 0
			},
			context: null
		});
	});
});

describe('spendReport', () => {
	it('sums spend by local day (newest first) and by model (costliest first)', () => {
		const day1 = new Date(2026, 11, 4, 23, 0).getTime();
		const day2 = new Date(2026, 11, 5, 9, 0).getTime();
		const report = spendReport(
			[
				{
					time: day1,
					entry: usageEntry(1, { promptTokens: 1000, completionTokens: 0 }, 'paid', HOSTED)
				},
				{
					time: day2,
					entry: usageEntry(1, { promptTokens: 2000, completionTokens: 0 }, 'paid', HOSTED)
				},
				{ time: day2, entry: { kind: 'user', text: 'ignored' } },
				{
					time: day2,
					entry: usageEntry(2, { promptTokens: 9000, completionTokens: 0 }, 'llama3', LOCAL)
				}
			],
			prices
		);
		const sum = (promptTokens: number, usd: number, turns: number, free: number) => ({
			usage: { promptTokens, completionTokens: 0 },
			usd,
			turns,
			unpriced: 0,
			free
		});
		expect(report).toEqual({
			byDay: [
				{ key: '2026-12-05', total: sum(11000, 0.02, 2, 1) },
				{ key: '2026-12-04', total: sum(1000, 0.01, 1, 0) }
			],
			byModel: [
				{ key: 'paid', total: sum(3000, 0.03, 2, 0) },
				{ key: 'llama3', total: sum(9000, 0, 1, 1) }
			],
			total: sum(12000, 0.03, 3, 1)
		});
	});
});

describe('describeTotal', () => {
	const totalOfEntries = (...entries: AttemptLogEntry[]) =>
		attemptCost(usageEventsOf(entries), prices).total;
	const local = totalOfEntries(
		usageEntry(1, { promptTokens: 1000, completionTokens: 10 }, 'llama3', LOCAL)
	);
	const paid = totalOfEntries(
		usageEntry(1, { promptTokens: 1000, completionTokens: 0 }, 'paid', HOSTED)
	);
	const unknown = totalOfEntries(
		usageEntry(1, { promptTokens: 500, completionTokens: 5 }, 'mystery', HOSTED)
	);

	it('words an attempt and the task it belongs to the same way, whatever the charge', () => {
		// [attempt, task of two such attempts] — the task page shows both side by side.
		const pairs = [local, paid, unknown].map((total) => [
			describeTotal(total),
			describeTotal(sumTotals([total, total]))
		]);
		expect(pairs).toEqual([
			['free (local model)', 'free (local model)'],
			['$0.01', '$0.02'],
			['505 tokens', '1,010 tokens']
		]);
	});

	it('mixes: dollars of the priced turns, tokens once any turn has no price, $0 with no turns', () => {
		expect(
			[
				sumTotals([local, paid]),
				sumTotals([local, unknown]),
				sumTotals([paid, unknown]),
				sumTotals([])
			].map(describeTotal)
		).toEqual(['$0.01', '1,515 tokens', '1,505 tokens (price unknown for 1 turn)', '$0']);
	});
});

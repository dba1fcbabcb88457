// Spend across every stored attempt, by day and by model, for Settings. A day is the local
// calendar day the reply was logged on.
// The usage module itself, not the model barrel: that one carries the OpenAI client, and cost
// is on the first page a person loads (the task list's totals).
import { addUsage } from '../model/usage.ts';
import type { AttemptLogEntry } from '../tasks/log-entry.ts';
import { type CostTotal, NO_COST } from './attempt-cost.ts';
import { chargeOf, roundUsd } from './charge.ts';
import type { Price } from './types.ts';

export type TimedEntry = { time: number; entry: AttemptLogEntry };
export type SpendRow = { key: string; total: CostTotal };
export type SpendReport = { byDay: SpendRow[]; byModel: SpendRow[]; total: CostTotal };

export function spendReport(entries: Iterable<TimedEntry>, prices: readonly Price[]): SpendReport {
	const byDay = new Map<string, CostTotal>();
	const byModel = new Map<string, CostTotal>();
	let total = NO_COST;
	for (const { time, entry } of entries) {
		if (entry.kind !== 'agent' || entry.event.type !== 'usage') continue;
		const { usage, model = '', endpoint } = entry.event;
		const charge = chargeOf(usage, { model, endpoint }, prices);
		const add = (sum: CostTotal): CostTotal => ({
			usage: addUsage(sum.usage, usage),
			usd: roundUsd(sum.usd + (charge.kind === 'priced' ? charge.usd : 0)),
			turns: sum.turns + 1,
			unpriced: sum.unpriced + (charge.kind === 'unknown' ? 1 : 0),
			free: sum.free + (charge.kind === 'free' ? 1 : 0)
		});
		const day = localDay(time);
		byDay.set(day, add(byDay.get(day) ?? NO_COST));
		const name = model || '(unknown model)';
		byModel.set(name, add(byModel.get(name) ?? NO_COST));
		total = add(total);
	}
	const rows = (map: Map<string, CostTotal>) => [...map].map(([key, sum]) => ({ key, total: sum }));
	return {
		// Newest day first; the costliest model first (by dollars, then tokens).
		byDay: rows(byDay).sort((a, b) => b.key.localeCompare(a.key)),
		byModel: rows(byModel).sort(
			(a, b) => b.total.usd - a.total.usd || tokensOf(b.total) - tokensOf(a.total)
		),
		total
	};
}

function tokensOf(total: CostTotal): number {
	return total.usage.promptTokens + total.usage.completionTokens;
}

function localDay(time: number): string {
	const date = new Date(time);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

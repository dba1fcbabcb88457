// An attempt's cost from its log alone: every usage event is a turn, priced by the model and
// server it names. Follow-ups restart the agent's turn count, so turns are numbered here in the
// order they happened across the attempt.
import type { AgentEvent } from '../agent/events.ts';
// The modules themselves, not the model barrel: that one carries the OpenAI client, and cost
// is on the first page a person loads (the task list's totals).
import { contextWindowOf } from '../model/context-window.ts';
import type { Usage } from '../model/types.ts';
import { addUsage, NO_USAGE } from '../model/usage.ts';
import type { AttemptLogEntry } from '../tasks/log-entry.ts';
import { chargeOf, roundUsd } from './charge.ts';
import type { Charge, Price } from './types.ts';

export type TurnCost = {
	/** 1-based, across every run of the attempt. */
	turn: number;
	model: string;
	usage: Usage;
	/** The server sent no usage; the tokens were guessed from the text. */
	estimated: boolean;
	charge: Charge;
};

export type CostTotal = {
	usage: Usage;
	/** Dollars of the priced turns; free turns add nothing. */
	usd: number;
	turns: number;
	/** Turns whose model has no price: when any, `usd` is not the whole cost. */
	unpriced: number;
	/** Turns on a local model: when every turn was, the total reads free, not "$0". */
	free: number;
};

export type ContextFill = { model: string; used: number; window: number };

export type AttemptCost = {
	turns: TurnCost[];
	total: CostTotal;
	/** How full the context window was at the last reply: its prompt plus its completion. */
	context: ContextFill | null;
};

export const NO_COST: CostTotal = { usage: NO_USAGE, usd: 0, turns: 0, unpriced: 0, free: 0 };

export type UsageEvent = Extract<AgentEvent, { type: 'usage' }>;

/** The usage events of a log, in order. */
export function usageEventsOf(entries: readonly AttemptLogEntry[]): UsageEvent[] {
	return entries.flatMap((entry) =>
		entry.kind === 'agent' && entry.event.type === 'usage' ? [entry.event] : []
	);
}

export function turnCosts(events: readonly UsageEvent[], prices: readonly Price[]): TurnCost[] {
	const turns: TurnCost[] = [];
	for (const event of events) {
		// Logs from before usage named its model have none: such turns read as unpriced.
		const { usage, estimated, model = '', endpoint } = event;
		turns.push({
			turn: turns.length + 1,
			model,
			usage,
			estimated,
			charge: chargeOf(usage, { model, endpoint }, prices)
		});
	}
	return turns;
}

export function totalOf(turns: readonly TurnCost[]): CostTotal {
	return turns.reduce<CostTotal>(
		(total, turn) => ({
			usage: addUsage(total.usage, turn.usage),
			usd: roundUsd(total.usd + (turn.charge.kind === 'priced' ? turn.charge.usd : 0)),
			turns: total.turns + 1,
			unpriced: total.unpriced + (turn.charge.kind === 'unknown' ? 1 : 0),
			free: total.free + (turn.charge.kind === 'free' ? 1 : 0)
		}),
		NO_COST
	);
}

export function sumTotals(totals: readonly CostTotal[]): CostTotal {
	return totals.reduce<CostTotal>(
		(sum, total) => ({
			usage: addUsage(sum.usage, total.usage),
			usd: roundUsd(sum.usd + total.usd),
			turns: sum.turns + total.turns,
			unpriced: sum.unpriced + total.unpriced,
			free: sum.free + total.free
		}),
		NO_COST
	);
}

export function attemptCost(
	events: readonly UsageEvent[],
	prices: readonly Price[],
	contextWindow?: number
): AttemptCost {
	const turns = turnCosts(events, prices);
	const last = turns.at(-1);
	const context = last
		? {
				model: last.model,
				used: last.usage.promptTokens + last.usage.completionTokens,
				window: contextWindow ?? contextWindowOf(last.model)
			}
		: null;
	return { turns, total: totalOf(turns), context };
}

// Keeping a task within its budget: before each request, what was spent (earlier runs, other
// attempts when they share the budget, this run) plus the estimated next request is compared
// with the limit. A dollar budget needs a price: a model without one cannot be held to it, and
// the run says so rather than spend blind.
import type { Usage } from '../model/index.ts';
import type { UsageEvent } from './attempt-cost.ts';
import { chargeOf, roundUsd } from './charge.ts';
import { describeBudget } from './format-cost.ts';
import type { Budget, Price } from './types.ts';

export type BudgetScope = {
	budget: Budget;
	/** The part of the budget this attempt may use: 1, or 1/N when N attempts split it. */
	share: number;
	prices: readonly Price[];
	/** The model and server this run's requests go to. */
	where: { model: string; endpoint?: string };
	/** Spent against this limit outside the run, in the budget's unit. */
	spentBefore: number;
};

/** What `usage` counts against a budget in `unit`, or null for dollars on a model with no price. */
export function measure(
	usage: Usage,
	unit: Budget['unit'],
	where: { model: string; endpoint?: string },
	prices: readonly Price[]
): number | null {
	if (unit === 'tokens') return usage.promptTokens + usage.completionTokens;
	const charge = chargeOf(usage, where, prices);
	return charge.kind === 'priced' ? charge.usd : charge.kind === 'free' ? 0 : null;
}

/** What logged turns spent in `unit`; null when one of them has no price (dollars only). */
export function spentOf(
	events: readonly UsageEvent[],
	unit: Budget['unit'],
	prices: readonly Price[]
): number | null {
	let sum = 0;
	for (const event of events) {
		const where = { model: event.model ?? '', endpoint: event.endpoint };
		const amount = measure(event.usage, unit, where, prices);
		if (amount === null) return null;
		sum += amount;
	}
	return unit === 'usd' ? roundUsd(sum) : sum;
}

/** Why the next request must not go out, or null when it fits the budget. */
export function budgetCheck(
	scope: BudgetScope,
	spent: readonly Usage[],
	next: Usage
): string | null {
	const { budget, where, prices } = scope;
	const limit: Budget = { unit: budget.unit, limit: budget.limit * scope.share };
	let total = scope.spentBefore;
	for (const usage of [...spent, next]) {
		const amount = measure(usage, budget.unit, where, prices);
		if (amount === null)
			return `${where.model} has no price, so a dollar budget cannot be kept — add its price in Settings → Costs, or set a token budget`;
		total += amount;
	}
	if (budget.unit === 'usd') total = roundUsd(total);
	if (total <= limit.limit) return null;
	const of =
		scope.share < 1
			? `this attempt's ${describeBudget(limit)} share`
			: `the ${describeBudget(limit)} budget`;
	return `the next turn would bring the spend to about ${describeBudget({ unit: budget.unit, limit: total })} of ${of}`;
}

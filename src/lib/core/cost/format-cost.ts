// Costs in words. Under a dollar the figure keeps up to four decimals, so an agent's cheap turns
// do not all read "$0.00".
import type { Usage } from '../model/index.ts';
import type { CostTotal } from './attempt-cost.ts';
import type { Budget, Charge } from './types.ts';

/** `$1.50`, `$0.028`, `$0.0004`, `<$0.0001`, `$0` */
export function formatUsd(usd: number): string {
	if (usd === 0) return '$0';
	if (usd >= 1) return `$${usd.toFixed(2)}`;
	if (usd < 0.0001) return '<$0.0001';
	return `$${usd.toFixed(4).replace(/(\.\d\d\d*?)0+$/, '$1')}`;
}

export function formatTokens(tokens: number): string {
	return tokens.toLocaleString('en-US');
}

/** `1,200 in (1,024 cached) · 300 out (256 reasoning)` */
export function describeUsage(usage: Usage): string {
	const cached = usage.cachedTokens ? ` (${formatTokens(usage.cachedTokens)} cached)` : '';
	const reasoning = usage.reasoningTokens
		? ` (${formatTokens(usage.reasoningTokens)} reasoning)`
		: '';
	return `${formatTokens(usage.promptTokens)} in${cached} · ${formatTokens(usage.completionTokens)} out${reasoning}`;
}

export function describeCharge(charge: Charge): string {
	switch (charge.kind) {
		case 'priced':
			return formatUsd(charge.usd);
		case 'free':
			return 'free (local)';
		case 'unknown':
			return 'no price';
	}
}

/** The money of a total, or null when some turn had no price (the tokens say the rest). */
export function totalUsd(total: CostTotal): string | null {
	return total.unpriced > 0 ? null : formatUsd(total.usd);
}

/**
 * A total as the task page and the task list show it, the attempt's and the task's alike:
 * "free (local model)" when every turn ran locally, dollars when every turn had a price, else
 * the tokens (never a partial sum passed off as the cost).
 */
export function describeTotal(total: CostTotal): string {
	if (total.turns > 0 && total.free === total.turns) return 'free (local model)';
	const usd = totalUsd(total);
	if (usd) return usd;
	const tokens = formatTokens(total.usage.promptTokens + total.usage.completionTokens);
	const { unpriced } = total;
	return total.usd > 0
		? `${tokens} tokens (price unknown for ${unpriced} turn${unpriced === 1 ? '' : 's'})`
		: `${tokens} tokens`;
}

export function describeBudget(budget: Budget): string {
	return budget.unit === 'usd' ? formatUsd(budget.limit) : `${formatTokens(budget.limit)} tokens`;
}

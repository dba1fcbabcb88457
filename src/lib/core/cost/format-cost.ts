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

export function describeBudget(budget: Budget): string {
	return budget.unit === 'usd' ? formatUsd(budget.limit) : `${formatTokens(budget.limit)} tokens`;
}

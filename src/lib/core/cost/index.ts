export type { Budget, Charge, Price } from './types.ts';
export { DEFAULT_PRICES } from './default-prices.ts';
export { chargeOf, costOfUsage, isLocalEndpoint, priceOf } from './charge.ts';
export {
	attemptCost,
	NO_COST,
	sumTotals,
	totalOf,
	turnCosts,
	usageEventsOf,
	type AttemptCost,
	type ContextFill,
	type CostTotal,
	type TurnCost,
	type UsageEvent
} from './attempt-cost.ts';
export {
	describeBudget,
	describeCharge,
	describeTotal,
	describeUsage,
	formatTokens,
	formatUsd,
	totalUsd
} from './format-cost.ts';
export { spendReport, type SpendReport, type SpendRow, type TimedEntry } from './spend-report.ts';
export { budgetCheck, measure, spentOf, type BudgetScope } from './budget.ts';

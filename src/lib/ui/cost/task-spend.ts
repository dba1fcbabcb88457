import type { Budget } from '$lib/core/cost';

/** The composer's budget choice: the limit, and how several attempts use it. */
export type TaskSpend = { budget: Budget | null; split: 'share' | 'split' };

export function noSpend(): TaskSpend {
	return { budget: null, split: 'share' };
}

// Adding up usage: the optional counts stay absent until some reply reports them.
import type { Usage } from './types.ts';

export const NO_USAGE: Usage = { promptTokens: 0, completionTokens: 0 };

export function addUsage(a: Usage, b: Usage): Usage {
	const sum: Usage = {
		promptTokens: a.promptTokens + b.promptTokens,
		completionTokens: a.completionTokens + b.completionTokens
	};
	if (a.cachedTokens !== undefined || b.cachedTokens !== undefined)
		sum.cachedTokens = (a.cachedTokens ?? 0) + (b.cachedTokens ?? 0);
	if (a.reasoningTokens !== undefined || b.reasoningTokens !== undefined)
		sum.reasoningTokens = (a.reasoningTokens ?? 0) + (b.reasoningTokens ?? 0);
	return sum;
}

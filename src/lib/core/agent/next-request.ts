// What the next request will cost, guessed before it is sent, so a budget can stop the run before
// crossing rather than after. The last reply's usage covers everything up to and including that
// reply (its prompt and its completion), so the next prompt is that plus what was added since —
// tool results, mostly. The first request of a run, or one after compaction, is estimated whole.
// Only the prompt is guessed: how long the reply will be is not known.
import type { Usage } from '../model/index.ts';
import type { RunState } from './run-state.ts';
import { estimateTextTokens, estimateTokens } from './tokens.ts';

export function estimateNextRequest(run: RunState): Usage {
	const last = run.usages.at(-1);
	if (last && run.covered >= 0 && run.covered <= run.messages.length) {
		const added = estimateTokens(run.messages.slice(run.covered));
		return { promptTokens: last.promptTokens + last.completionTokens + added, completionTokens: 0 };
	}
	const overhead = estimateTextTokens(run.input.systemPrompt + JSON.stringify(run.specs));
	return { promptTokens: estimateTokens(run.messages) + overhead, completionTokens: 0 };
}

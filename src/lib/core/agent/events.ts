// Everything a run reports, as one union: the UI renders it, the store appends it to the
// attempt's log. Turns count from 1.
import type { FinishReason, ModelError, RetryReason, Usage } from '../model/index.ts';
import type { ProposedTask } from './proposed-tasks.ts';
import type { FinalReason, ToolDetails } from './types.ts';

export type Totals = {
	turns: number;
	toolCalls: number;
	promptTokens: number;
	completionTokens: number;
	durationMs: number;
};

export type FinalEvent = {
	type: 'final';
	reason: FinalReason;
	/** Why the run ended, in words. */
	message: string;
	/** The model's last text (in Ask mode without its proposed-tasks block). */
	summary: string;
	/** Follow-up tasks an Ask run proposed; empty otherwise. */
	proposedTasks: ProposedTask[];
	totals: Totals;
};

export type AgentEvent =
	| { type: 'turn_start'; turn: number }
	| { type: 'text_delta'; turn: number; delta: string }
	/** The model reply is being sent again: drop the text this turn has streamed so far. */
	| { type: 'reset'; turn: number }
	| {
			type: 'retry';
			turn: number;
			attempt: number;
			delayMs: number;
			reason: RetryReason;
			message: string;
	  }
	| { type: 'tool_call'; turn: number; id: string; name: string; arguments: string }
	| { type: 'tool_output'; id: string; stream: 'stdout' | 'stderr'; chunk: string }
	| {
			type: 'tool_result';
			id: string;
			name: string;
			ok: boolean;
			content: string;
			details: ToolDetails;
			durationMs: number;
	  }
	/**
	 * `estimated` when the server reported no usage and it was guessed from the text. The model id
	 * and the server's origin travel with it, so the log alone prices every turn.
	 */
	| {
			type: 'usage';
			turn: number;
			usage: Usage;
			total: Usage;
			estimated: boolean;
			model: string;
			endpoint?: string;
	  }
	| { type: 'error'; turn: number; error: ModelError }
	| { type: 'compaction'; messages: number; tokensBefore: number; tokensAfter: number }
	| { type: 'turn_end'; turn: number; finish: FinishReason }
	| FinalEvent;

export type Emit = (event: AgentEvent) => void;

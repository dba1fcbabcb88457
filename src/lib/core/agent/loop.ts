// The agent loop: a plain function that asks the model, runs the tools it calls, and repeats
// until the model answers without tool calls, a budget runs out, the user cancels, or the model
// fails. It emits every step as an AgentEvent and returns the conversation for a follow-up.
import type { Message } from '../model/types.ts';
import { addUsage } from '../model/usage.ts';
import { compactHistory } from './compaction.ts';
import { estimateNextRequest } from './next-request.ts';
import type { Emit, FinalEvent } from './events.ts';
import { requestReply, type Reply } from './model-turn.ts';
import { parseProposedTasks } from './proposed-tasks.ts';
import { endMessage, startRun, stopBeforeTurn, tokensSpent, type RunState } from './run-state.ts';
import { estimateTextTokens } from './tokens.ts';
import { runToolCalls, skipToolCalls } from './tool-calls.ts';
import type { AgentInput, FinalReason } from './types.ts';

export type AgentResult = {
	/** The conversation after the run (compacted where it was), without the system prompt. */
	messages: Message[];
	final: FinalEvent;
};

/**
 * Runs the agent on `input.messages` (ending with the user's request). A follow-up is another
 * call with the returned messages plus a new user message. Only bugs throw; a failing model or
 * tool is reported through events and the final reason.
 */
export async function runAgent(
	input: AgentInput,
	emit: Emit,
	signal: AbortSignal
): Promise<AgentResult> {
	const run = startRun(input, signal);
	try {
		const final = await loop(run, emit);
		emit(final);
		return { messages: run.messages, final };
	} finally {
		run.dispose();
	}
}

async function loop(run: RunState, emit: Emit): Promise<FinalEvent> {
	for (;;) {
		const stop = stopBeforeTurn(run);
		if (stop) return finalEvent(run, stop);
		compact(run, emit);
		if (await overBudget(run)) return finalEvent(run, 'budget');
		run.turn += 1;
		emit({ type: 'turn_start', turn: run.turn });
		const reply = await requestReply(run, emit);
		const end = await settle(run, reply, emit);
		emit({ type: 'turn_end', turn: run.turn, finish: reply.finish.reason });
		if (end) return finalEvent(run, end.reason, end.message);
	}
}

type End = { reason: FinalReason; message?: string };

/** Records the reply and runs its tool calls; says how the run ends, or null to go on. */
async function settle(run: RunState, reply: Reply, emit: Emit): Promise<End | null> {
	// Usage is guessed only for whole replies: for a failed or cancelled request a guess would
	// only mislead.
	const whole = reply.finish.reason !== 'error' && reply.finish.reason !== 'aborted';
	if (whole || !reply.estimated) {
		run.total = addUsage(run.total, reply.usage);
		run.usages.push(reply.usage);
		const { usage, estimated } = reply;
		const { model, endpoint } = run.input.model;
		emit({
			type: 'usage',
			turn: run.turn,
			usage,
			total: run.total,
			estimated,
			model,
			...(endpoint ? { endpoint } : {})
		});
	}
	if (reply.text || reply.calls.length) {
		run.messages.push({
			role: 'assistant',
			content: reply.text,
			...(reply.calls.length ? { toolCalls: reply.calls } : {})
		});
	}
	// The usage just counted covers the history up to here: its prompt and this reply.
	run.covered = whole || !reply.estimated ? run.messages.length : -1;
	if (reply.text) run.lastText = reply.text;
	switch (reply.finish.reason) {
		case 'stop':
			return { reason: 'done' };
		case 'aborted':
			return { reason: run.interruption() ?? 'cancelled' };
		case 'error': {
			const error = reply.finish.error ?? {
				code: 'http-error',
				message: 'The model request failed.'
			};
			emit({ type: 'error', turn: run.turn, error });
			return { reason: 'error', message: error.message };
		}
		case 'length':
			skipToolCalls(run, reply.calls, 'length', emit);
			return { reason: 'length' };
		case 'tool_calls':
			if (tokensSpent(run) >= run.budgets.maxTokens) {
				skipToolCalls(run, reply.calls, 'max_tokens', emit);
				return { reason: 'max_tokens' };
			}
			await runToolCalls(run, reply.calls, emit);
			return null;
	}
}

/** Whether the task's budget forbids the next request; the reason is kept for the end message. */
async function overBudget(run: RunState): Promise<boolean> {
	const guard = run.input.spendGuard;
	if (!guard) return false;
	const note = await guard.check(run.usages, estimateNextRequest(run));
	if (note === null) return false;
	run.budgetNote = note;
	return true;
}

function compact(run: RunState, emit: Emit): void {
	const overheadTokens = estimateTextTokens(run.input.systemPrompt + JSON.stringify(run.specs));
	const result = compactHistory(run.messages, { contextWindow: run.contextWindow, overheadTokens });
	if (!result) return;
	run.messages = result.messages;
	run.covered = -1;
	const { compacted, tokensBefore, tokensAfter } = result;
	emit({ type: 'compaction', messages: compacted, tokensBefore, tokensAfter });
}

function finalEvent(
	run: RunState,
	reason: FinalReason,
	message = endMessage(run, reason)
): FinalEvent {
	const parsed = run.input.mode === 'ask' ? parseProposedTasks(run.lastText) : null;
	return {
		type: 'final',
		reason,
		message,
		summary: parsed ? parsed.answer : run.lastText,
		proposedTasks: parsed ? parsed.tasks : [],
		totals: {
			turns: run.turn,
			toolCalls: run.toolCalls,
			promptTokens: run.total.promptTokens,
			completionTokens: run.total.completionTokens,
			durationMs: Math.round(performance.now() - run.startedAt)
		}
	};
}

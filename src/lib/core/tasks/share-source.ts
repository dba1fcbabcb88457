// What a task link is built from: the task's records and its attempt's log, picked into
// core/share's ShareSource. What the link may carry is decided there; here, what to offer.
import type { ShareSource, ShareSourceResult } from '../share/index.ts';
import type { AttemptRecord, EnvironmentRecord, TaskRecord } from '../store/index.ts';
import type { LogItem, LogView } from './log-view.ts';

/** How much of the task a link carries: the task alone, its result, or the result and log. */
export type ShareScope = 'task' | 'result' | 'log';

/** Characters of log a link carries at most (the newest part is kept). */
export const LOG_EXCERPT_CHARS = 20_000;

export type ShareInput = {
	task: TaskRecord;
	environment: EnvironmentRecord;
	attempt?: AttemptRecord;
	view: LogView;
	/** The model id in Settings, shown on the shared page. */
	model?: string;
	scope: ShareScope;
};

export function shareSourceOf(input: ShareInput): ShareSource {
	const { task, environment, attempt, view, scope } = input;
	const users = view.items.filter((item) => item.kind === 'user').map((item) => item.text);
	const source: ShareSource = {
		environment,
		task: { title: task.title, prompt: task.prompt, mode: task.mode, branch: task.branch },
		// The first user message is the prompt itself.
		followUps: users.slice(1)
	};
	if (scope === 'task') return source;
	return { ...source, result: resultOf(view, attempt, input.model, scope === 'log') };
}

function resultOf(
	view: LogView,
	attempt: AttemptRecord | undefined,
	model: string | undefined,
	withLog: boolean
): ShareSourceResult {
	const finals = view.items.filter((item) => item.kind === 'final');
	const last = finals.at(-1)?.final;
	const steps = view.items.find((item) => item.kind === 'prepare')?.steps ?? [];
	const stepMs = (name: string) => steps.find((step) => step.step === name)?.durationMs;
	const agentMs = finals.reduce((sum, item) => sum + item.final.totals.durationMs, 0);
	const cloneMs = stepMs('checkout');
	const setupMs = stepMs('setup');
	const prompt = view.tokens.prompt;
	const completion = view.tokens.completion;
	return {
		summary: attempt?.result?.summary || last?.summary || '',
		patch: attempt?.result?.patch || undefined,
		logExcerpt: withLog ? logExcerpt(view.items) : undefined,
		model: model || undefined,
		usage: { promptTokens: prompt, completionTokens: completion, totalTokens: prompt + completion },
		timings: { totalMs: (cloneMs ?? 0) + (setupMs ?? 0) + agentMs, cloneMs, setupMs, agentMs },
		networkAudit: view.network.map(({ method, url, allowed, reason }) => ({
			method,
			url,
			allowed,
			reason
		}))
	};
}

/**
 * The log as plain text: messages, commands with their exit codes and output, the end. A long
 * log keeps its newest part from a line's start: a cut inside a line could keep the end of a
 * secret, which the masker (it sees whole values only) would let through.
 */
export function logExcerpt(items: readonly LogItem[], maxChars = LOG_EXCERPT_CHARS): string {
	const text = items.map(describe).filter(Boolean).join('\n\n');
	if (text.length <= maxChars) return text;
	const newline = text.indexOf('\n', text.length - maxChars - 1);
	const cut = newline === -1 ? text.length : newline + 1;
	return `[… ${cut} earlier characters left out …]\n${text.slice(cut)}`;
}

function describe(item: LogItem): string {
	switch (item.kind) {
		case 'user':
			return `> ${item.text}`;
		case 'text':
			return item.text;
		case 'tool': {
			const details = item.result?.details;
			if (details?.kind === 'shell')
				return `$ ${details.command}\n${details.output.trimEnd()}\n[exit ${details.exitCode}]`;
			return `[${item.name}] ${item.result?.content ?? ''}`.trimEnd();
		}
		case 'retry':
		case 'error':
			return `! ${item.message}`;
		case 'phase':
			return `— ${item.note}`;
		case 'final':
			// The view shows the closing text in the final card only: the excerpt keeps it.
			return [item.final.summary.trim(), `— ${item.final.message}`].filter(Boolean).join('\n\n');
		default:
			return '';
	}
}

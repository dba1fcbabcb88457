// Turns an attempt's log entries into what the task page shows, in order: the user's messages,
// preparation steps, the model's text per turn, each tool call with its result, retries, errors,
// and the end. Pure, so a reloaded log renders exactly as the live one did.
import type { AgentEvent, FinalEvent, ToolDetails } from '../agent/index.ts';
import type { PrepareStep } from '../environments/index.ts';
import type { ImageAttachment } from '../model/index.ts';
import type { NetworkAuditEvent } from '../network/index.ts';
import type { AttemptStatus } from '../store/index.ts';
import type { AttemptLogEntry } from './log-entry.ts';

export type StepView = {
	step: PrepareStep;
	status: 'running' | 'done' | 'failed';
	durationMs?: number;
	detail?: string;
};

export type LogItem =
	| { kind: 'user'; text: string; images?: ImageAttachment[] }
	| { kind: 'prepare'; steps: StepView[]; notices: string[]; setupLog: string }
	| { kind: 'text'; turn: number; text: string }
	| {
			kind: 'tool';
			id: string;
			name: string;
			arguments: string;
			/** Output streamed so far (the details hold all of it once done). */
			live: string;
			result?: { ok: boolean; content: string; details: ToolDetails; durationMs: number };
	  }
	| { kind: 'retry'; message: string }
	| { kind: 'error'; message: string }
	| { kind: 'compaction'; messages: number }
	| { kind: 'status'; status: AttemptStatus; message?: string }
	| { kind: 'phase'; note: string }
	| { kind: 'final'; final: FinalEvent };

export type UsageEvent = Extract<AgentEvent, { type: 'usage' }>;

export type LogView = {
	items: LogItem[];
	status: AttemptStatus | null;
	tokens: { prompt: number; completion: number };
	/** Every reply's usage event, in order: what core/cost prices per turn. */
	usage: UsageEvent[];
	/** Every network decision, in order. */
	network: NetworkAuditEvent[];
};

export function buildLogView(entries: readonly AttemptLogEntry[]): LogView {
	const view: LogView = {
		items: [],
		status: null,
		tokens: { prompt: 0, completion: 0 },
		usage: [],
		network: []
	};
	const tools = new Map<string, Extract<LogItem, { kind: 'tool' }>>();
	let prepare: Extract<LogItem, { kind: 'prepare' }> | undefined;
	let tokensBefore = { prompt: 0, completion: 0 };

	for (const entry of entries) {
		switch (entry.kind) {
			case 'status':
				view.status = entry.status;
				// A later run that prepares again (a rebuilt sandbox) gets its own steps.
				if (entry.status === 'preparing') prepare = undefined;
				if (entry.status === 'interrupted' || entry.status === 'failed')
					view.items.push({ ...entry });
				break;
			case 'user':
				view.items.push(
					entry.images?.length
						? { kind: 'user', text: entry.text, images: entry.images }
						: { kind: 'user', text: entry.text }
				);
				tokensBefore = { ...view.tokens };
				break;
			case 'prepare':
				prepare = applyPrepare(view, prepare, entry.event);
				break;
			case 'agent':
				applyAgent(view, tools, entry.event, tokensBefore);
				break;
			case 'network':
				view.network.push(entry.event);
				break;
			case 'phase':
				view.items.push({ kind: 'phase', note: entry.note });
				break;
		}
	}
	return view;
}

function applyPrepare(
	view: LogView,
	current: Extract<LogItem, { kind: 'prepare' }> | undefined,
	event: Extract<AttemptLogEntry, { kind: 'prepare' }>['event']
) {
	const item = current ?? { kind: 'prepare' as const, steps: [], notices: [], setupLog: '' };
	if (!current) view.items.push(item);
	if (event.type === 'step') {
		const step: StepView = {
			step: event.step,
			status: event.status,
			durationMs: event.durationMs,
			detail: event.detail
		};
		const at = item.steps.findIndex((s) => s.step === event.step);
		if (at >= 0) item.steps[at] = step;
		else item.steps.push(step);
	} else if (event.type === 'notice') item.notices.push(event.message);
	else if (event.type === 'setup-output') item.setupLog += event.chunk.text;
	return item;
}

function applyAgent(
	view: LogView,
	tools: Map<string, Extract<LogItem, { kind: 'tool' }>>,
	event: Extract<AttemptLogEntry, { kind: 'agent' }>['event'],
	tokensBefore: { prompt: number; completion: number }
) {
	const last = view.items.at(-1);
	switch (event.type) {
		case 'text_delta':
			if (last?.kind === 'text' && last.turn === event.turn) last.text += event.delta;
			else view.items.push({ kind: 'text', turn: event.turn, text: event.delta });
			break;
		case 'reset':
			// The reply is being sent again: drop what this turn streamed.
			view.items = view.items.filter((item) => !(item.kind === 'text' && item.turn === event.turn));
			break;
		case 'tool_call': {
			const item = {
				kind: 'tool' as const,
				id: event.id,
				name: event.name,
				arguments: event.arguments,
				live: ''
			};
			tools.set(event.id, item);
			view.items.push(item);
			break;
		}
		case 'tool_output': {
			const item = tools.get(event.id);
			if (item) item.live += event.chunk;
			break;
		}
		case 'tool_result': {
			const item = tools.get(event.id);
			if (item)
				item.result = {
					ok: event.ok,
					content: event.content,
					details: event.details,
					durationMs: event.durationMs
				};
			break;
		}
		case 'retry':
			view.items.push({ kind: 'retry', message: event.message });
			break;
		case 'error':
			view.items.push({ kind: 'error', message: event.error.message });
			break;
		case 'compaction':
			view.items.push({ kind: 'compaction', messages: event.messages });
			break;
		case 'usage':
			view.usage.push(event);
			view.tokens = {
				prompt: tokensBefore.prompt + event.total.promptTokens,
				completion: tokensBefore.completion + event.total.completionTokens
			};
			break;
		case 'final':
			// The closing text is the summary: show it once, in the final card.
			if (last?.kind === 'text' && last.text.trim() === event.summary.trim()) view.items.pop();
			view.items.push({ kind: 'final', final: event });
			break;
		case 'turn_start':
		case 'turn_end':
			break;
	}
}

// One model request of a run: the system prompt, the history and the tools go out; text streams
// to the UI as it arrives; the reply comes back whole, with its usage (estimated if the server
// sent none).
import type { Message, ModelEvent, ModelRequest, ToolCall, Usage } from '../model/index.ts';
import type { Emit } from './events.ts';
import type { RunState } from './run-state.ts';
import { estimateTextTokens, estimateTokens } from './tokens.ts';

export type Reply = {
	text: string;
	calls: ToolCall[];
	finish: Extract<ModelEvent, { type: 'finish' }>;
	usage: Usage;
	estimated: boolean;
};

export async function requestReply(run: RunState, emit: Emit): Promise<Reply> {
	const turn = run.turn;
	const system: Message[] = run.input.systemPrompt
		? [{ role: 'system', content: run.input.systemPrompt }]
		: [];
	const request: ModelRequest = { messages: [...system, ...run.messages], tools: run.specs };
	let text = '';
	let calls: ToolCall[] = [];
	let usage: Usage | undefined;
	let finish: Reply['finish'] | undefined;
	for await (const event of run.input.model.stream(request, run.signal)) {
		switch (event.type) {
			case 'text':
				text += event.delta;
				emit({ type: 'text_delta', turn, delta: event.delta });
				break;
			case 'tool_call_delta':
				// Calls are shown once whole, when they run.
				break;
			case 'tool_call':
				calls.push(event.call);
				break;
			case 'usage':
				usage = event.usage;
				break;
			case 'reset':
				text = '';
				calls = [];
				emit({ type: 'reset', turn });
				break;
			case 'retry': {
				const { attempt, delayMs, reason, message } = event;
				emit({ type: 'retry', turn, attempt, delayMs, reason, message });
				break;
			}
			case 'finish':
				finish = event;
				break;
		}
	}
	finish ??= {
		type: 'finish',
		reason: 'error',
		error: { code: 'http-error', message: 'The model stream ended without a finish.' }
	};
	if (usage) return { text, calls, finish, usage, estimated: false };
	const completionChars = calls.reduce(
		(sum, call) => sum + call.name.length + call.arguments.length,
		0
	);
	const guess = {
		promptTokens: estimateTokens(request.messages) + estimateTextTokens(JSON.stringify(run.specs)),
		completionTokens: estimateTextTokens(text) + Math.ceil(completionChars / 4)
	};
	return { text, calls, finish, usage: guess, estimated: true };
}

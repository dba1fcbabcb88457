// The OpenAI Chat Completions wire format: our messages and tools out, streamed chunks back in as
// ModelEvents. Tool calls arrive in pieces keyed by index; they are assembled here.
import type {
	ChatCompletionChunk,
	ChatCompletionMessageParam,
	ChatCompletionTool
} from 'openai/resources/chat/completions';
import type {
	FinishReason,
	Message,
	ModelError,
	ModelEvent,
	ToolCall,
	ToolSpec,
	Usage
} from './types.ts';

export function toWireMessages(messages: readonly Message[]): ChatCompletionMessageParam[] {
	return messages.map((message): ChatCompletionMessageParam => {
		switch (message.role) {
			case 'system':
				return { role: 'system', content: message.content };
			case 'user':
				if (!message.images?.length) return { role: 'user', content: message.content };
				return {
					role: 'user',
					content: [
						{ type: 'text', text: message.content },
						...message.images.map((image) => ({
							type: 'image_url' as const,
							image_url: { url: image.dataUrl }
						}))
					]
				};
			case 'assistant':
				return {
					role: 'assistant',
					// Some servers reject an empty string beside tool calls; null is what OpenAI sends.
					content: message.content === '' && message.toolCalls?.length ? null : message.content,
					...(message.toolCalls?.length
						? {
								tool_calls: message.toolCalls.map((call) => ({
									id: call.id,
									type: 'function' as const,
									function: { name: call.name, arguments: call.arguments }
								}))
							}
						: {})
				};
			case 'tool':
				return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
		}
	});
}

export function toWireTools(tools: readonly ToolSpec[]): ChatCompletionTool[] {
	return tools.map((tool) => ({
		type: 'function',
		function: { name: tool.name, description: tool.description, parameters: tool.parameters }
	}));
}

type WireFinish = NonNullable<ChatCompletionChunk.Choice['finish_reason']>;

/** Collects one streamed reply, turning each chunk into the events it carries. */
export class ReplyAssembler {
	/** True once text or a tool call has been yielded: a retry must then reset the consumer. */
	started = false;
	finish: WireFinish | undefined;
	#calls: Array<{ id?: string; name?: string; arguments: string }> = [];
	#usage: Usage | undefined;

	*add(chunk: ChatCompletionChunk): Generator<ModelEvent> {
		if (chunk.usage) this.#usage = usageOf(chunk.usage);
		// Optional chaining: a server that sends a chunk without choices should not crash the reply.
		const choice = chunk.choices?.[0];
		if (!choice) return;
		if (choice.delta.content) {
			this.started = true;
			yield { type: 'text', delta: choice.delta.content };
		}
		for (const piece of choice.delta.tool_calls ?? []) {
			this.started = true;
			const call = (this.#calls[piece.index] ??= { arguments: '' });
			// OpenAI names a call once; servers that repeat the name must not double it.
			call.id ??= piece.id;
			call.name ??= piece.function?.name;
			call.arguments += piece.function?.arguments ?? '';
			yield {
				type: 'tool_call_delta',
				index: piece.index,
				...(piece.id ? { id: piece.id } : {}),
				...(piece.function?.name ? { name: piece.function.name } : {}),
				...(piece.function?.arguments ? { argumentsDelta: piece.function.arguments } : {})
			};
		}
		if (choice.finish_reason) this.finish = choice.finish_reason;
	}

	/** The assembled tool calls, the usage and the finish, once the reply is whole. */
	*end(): Generator<ModelEvent> {
		const calls: ToolCall[] = [];
		this.#calls.forEach((call, index) => {
			// Servers that omit ids still need the call and its result to match.
			const whole = {
				id: call.id ?? `call_${index}`,
				name: call.name ?? '',
				arguments: call.arguments
			};
			calls.push(whole);
		});
		for (const [index, call] of calls.entries()) yield { type: 'tool_call', index, call };
		if (this.#usage) yield { type: 'usage', usage: this.#usage };
		yield finishOf(this.finish, calls.length > 0);
	}
}

function usageOf(wire: NonNullable<ChatCompletionChunk['usage']>): Usage {
	const cached = wire.prompt_tokens_details?.cached_tokens;
	const reasoning = wire.completion_tokens_details?.reasoning_tokens;
	return {
		promptTokens: wire.prompt_tokens,
		completionTokens: wire.completion_tokens,
		// Only counts the server gave, so a whole-result comparison sees no invented zeros.
		...(typeof cached === 'number' ? { cachedTokens: cached } : {}),
		...(typeof reasoning === 'number' ? { reasoningTokens: reasoning } : {})
	};
}

function finishOf(wire: WireFinish | undefined, hasCalls: boolean): ModelEvent {
	let reason: FinishReason;
	switch (wire) {
		case 'length':
			reason = 'length';
			break;
		case 'content_filter': {
			const error: ModelError = {
				code: 'content-filter',
				message: "The model provider's content filter stopped the reply."
			};
			return { type: 'finish', reason: 'error', error };
		}
		case 'tool_calls':
		case 'function_call':
		case 'stop':
		case undefined:
			// Some local servers say `stop` after tool calls.
			reason = hasCalls ? 'tool_calls' : 'stop';
			break;
	}
	return { type: 'finish', reason };
}

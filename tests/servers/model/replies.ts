// Turns a scripted turn into what OpenAI sends: one `chat.completion`, or the `chat.completion.chunk`
// sequence of a stream, typed by the SDK's own declarations so the shapes cannot drift.
import type {
	ChatCompletion,
	ChatCompletionChunk,
	ChatCompletionMessageFunctionToolCall
} from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import type { ChatRequest, Turn } from './script.ts';

export type ReplyContext = {
	/** The completion's id, shared by all chunks of a stream. */
	id: string;
	/** 0-based index of the step in its script. */
	step: number;
	request: ChatRequest;
};

// Fixed rather than the clock, so tests can compare whole responses.
export const CREATED = 1_700_000_000;

const defaultChunkChars = 8;

export function toolCallsOf(turn: Turn, step: number): ChatCompletionMessageFunctionToolCall[] {
	return (turn.toolCalls ?? []).map((call, at) => ({
		id: call.id ?? `call_${step + 1}_${at + 1}`,
		type: 'function',
		function: {
			name: call.name,
			arguments:
				typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments)
		}
	}));
}

function finishReasonOf(turn: Turn): NonNullable<Turn['finishReason']> {
	return turn.finishReason ?? (turn.toolCalls?.length ? 'tool_calls' : 'stop');
}

function usageOf(turn: Turn, context: ReplyContext): CompletionUsage {
	const calls = toolCallsOf(turn, context.step);
	const completionChars =
		(turn.content ?? '').length +
		calls.reduce(
			(sum, call) => sum + call.function.name.length + call.function.arguments.length,
			0
		);
	const prompt =
		turn.usage?.promptTokens ?? Math.ceil(JSON.stringify(context.request.messages).length / 4);
	const completion = turn.usage?.completionTokens ?? Math.ceil(completionChars / 4);
	const cached = turn.usage?.cachedTokens;
	const reasoning = turn.usage?.reasoningTokens;
	return {
		prompt_tokens: prompt,
		completion_tokens: completion,
		total_tokens: prompt + completion,
		...(cached === undefined ? {} : { prompt_tokens_details: { cached_tokens: cached } }),
		...(reasoning === undefined
			? {}
			: { completion_tokens_details: { reasoning_tokens: reasoning } })
	};
}

/** Splits `text` into pieces of `size` characters, never inside a surrogate pair. */
function pieces(text: string, size: number): string[] {
	const characters = Array.from(text);
	const result: string[] = [];
	for (let at = 0; at < characters.length; at += size)
		result.push(characters.slice(at, at + size).join(''));
	return result;
}

export function completionOf(turn: Turn, context: ReplyContext): ChatCompletion {
	const calls = toolCallsOf(turn, context.step);
	return {
		id: context.id,
		object: 'chat.completion',
		created: CREATED,
		model: context.request.model,
		choices: [
			{
				index: 0,
				message: {
					role: 'assistant',
					content: turn.content ?? null,
					refusal: null,
					...(calls.length ? { tool_calls: calls } : {})
				},
				logprobs: null,
				finish_reason: finishReasonOf(turn)
			}
		],
		usage: usageOf(turn, context)
	};
}

type Delta = ChatCompletionChunk.Choice.Delta;

/**
 * The chunks of a streamed reply: the role, the content in small deltas, each tool call's id and
 * name followed by its arguments in small deltas, the finish reason, and, when the request asked
 * with `stream_options.include_usage`, a last chunk with no choices and the usage.
 */
export function chunksOf(turn: Turn, context: ReplyContext): ChatCompletionChunk[] {
	const size = turn.chunkChars ?? defaultChunkChars;
	const includeUsage = context.request.stream_options?.include_usage === true;
	const chunk = (
		choices: ChatCompletionChunk.Choice[],
		usage?: CompletionUsage
	): ChatCompletionChunk => ({
		id: context.id,
		object: 'chat.completion.chunk',
		created: CREATED,
		model: context.request.model,
		choices,
		// With include_usage OpenAI sends `usage: null` on every chunk but the last.
		...(includeUsage ? { usage: usage ?? null } : {})
	});
	const delta = (value: Delta): ChatCompletionChunk =>
		chunk([{ index: 0, delta: value, logprobs: null, finish_reason: null }]);

	const chunks = [delta({ role: 'assistant', content: turn.content === undefined ? null : '' })];
	for (const piece of pieces(turn.content ?? '', size)) chunks.push(delta({ content: piece }));
	toolCallsOf(turn, context.step).forEach((call, index) => {
		const { name, arguments: args } = call.function;
		chunks.push(
			delta({
				tool_calls: [{ index, id: call.id, type: 'function', function: { name, arguments: '' } }]
			})
		);
		for (const piece of pieces(args, size)) {
			chunks.push(delta({ tool_calls: [{ index, function: { arguments: piece } }] }));
		}
	});
	chunks.push(
		chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: finishReasonOf(turn) }])
	);
	if (includeUsage) chunks.push(chunk([], usageOf(turn, context)));
	return chunks;
}

// Reads the parts of a chat request that checks look at, and quotes them briefly in mismatch
// messages (a whole system prompt in an error would bury the point).
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ChatRequest } from './script.ts';

function contentText(content: unknown): string {
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return '';
	return content
		.map((part: unknown) =>
			typeof part === 'object' && part !== null && 'text' in part && typeof part.text === 'string'
				? part.text
				: ''
		)
		.join('');
}

/** A message's content; for an assistant message also each tool call as `name(arguments)`. */
export function messageText(message: ChatCompletionMessageParam): string {
	const parts = [contentText(message.content)];
	if (message.role === 'assistant') {
		for (const call of message.tool_calls ?? []) {
			parts.push(
				call.type === 'custom'
					? `${call.custom.name}(${call.custom.input})`
					: `${call.function.name}(${call.function.arguments})`
			);
		}
	}
	return parts.filter((part) => part !== '').join('\n');
}

/** The system and developer messages, joined. */
export function systemText(request: ChatRequest): string {
	return request.messages
		.filter((message) => message.role === 'system' || message.role === 'developer')
		.map(messageText)
		.join('\n');
}

/** Names of the tools the request offers. */
export function toolNames(request: ChatRequest): string[] {
	return (request.tools ?? []).map((tool) =>
		tool.type === 'custom' ? tool.custom.name : tool.function.name
	);
}

/** `text` as a JSON string, shortened to its head and tail when long. */
export function quote(text: string, max = 160): string {
	if (text.length <= max) return JSON.stringify(text);
	const head = Math.ceil(max * 0.6);
	const tail = max - head;
	const cut = text.length - head - tail;
	return `${JSON.stringify(text.slice(0, head))}…(${cut} chars)…${JSON.stringify(text.slice(-tail))}`;
}

/** `the last message (tool): "…"`, for messages that say what arrived instead. */
export function describeLast(request: ChatRequest): string {
	const last = request.messages.at(-1);
	return last ? `last message (${last.role}): ${quote(messageText(last))}` : 'no messages';
}

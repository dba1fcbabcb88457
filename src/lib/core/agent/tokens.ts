// A rough token count (about four characters a token) for deciding when to compact and for
// servers that report no usage. Deterministic, so compaction is too.
import type { Message } from '../model/index.ts';

/** Per-message framing (role, separators) that the text alone does not show. */
const MESSAGE_OVERHEAD_CHARS = 16;

/**
 * What a picture costs in prompt tokens, roughly: OpenAI counts a 1024×1024 image at high detail
 * as 765 tokens, and larger ones are scaled down to about that. Its base64 text is not the cost.
 */
export const IMAGE_TOKENS = 800;

export function estimateTextTokens(text: string): number {
	return Math.ceil(text.length / 4);
}

export function estimateTokens(messages: readonly Message[]): number {
	let chars = 0;
	for (const message of messages) {
		chars += message.content.length + MESSAGE_OVERHEAD_CHARS;
		if (message.role === 'user') chars += (message.images?.length ?? 0) * IMAGE_TOKENS * 4;
		if (message.role !== 'assistant') continue;
		for (const call of message.toolCalls ?? []) {
			chars += call.id.length + call.name.length + call.arguments.length;
		}
	}
	return Math.ceil(chars / 4);
}

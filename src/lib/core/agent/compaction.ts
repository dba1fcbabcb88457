// Keeps a long run inside the model's context window without another model call: once the
// estimate nears the window, tool outputs older than the last few turns become short stubs and a
// note listing those calls is inserted. Deterministic: the same history compacts the same way.
import type { Message, ToolCall } from '../model/index.ts';
import note from './compaction-note.md?raw';
import { estimateTokens } from './tokens.ts';

export const COMPACTION_THRESHOLD = 0.8;
/** Turns (assistant messages and what follows them) kept whole at the end of the history. */
export const KEEP_TURNS = 2;
const STUB_PREFIX = '[compacted]';
/** Outputs shorter than a stub are not worth replacing. */
const MIN_COMPACTED_CHARS = 200;

export type CompactionOptions = {
	contextWindow: number;
	/** Tokens every request spends besides the history: the system prompt and the tools. */
	overheadTokens?: number;
	keepTurns?: number;
	threshold?: number;
};

export type Compaction = {
	messages: Message[];
	/** How many tool outputs were replaced. */
	compacted: number;
	tokensBefore: number;
	tokensAfter: number;
};

/** The compacted history, or null when it is small enough or nothing old is left to compact. */
export function compactHistory(
	messages: readonly Message[],
	options: CompactionOptions
): Compaction | null {
	const overhead = options.overheadTokens ?? 0;
	const tokensBefore = overhead + estimateTokens(messages);
	if (tokensBefore <= options.contextWindow * (options.threshold ?? COMPACTION_THRESHOLD)) {
		return null;
	}
	const cut = startOfRecentTurns(messages, options.keepTurns ?? KEEP_TURNS);
	const calls = new Map<string, ToolCall>();
	const listed: string[] = [];
	const compacted = messages.map((message, at): Message => {
		if (message.role === 'assistant')
			for (const call of message.toolCalls ?? []) calls.set(call.id, call);
		if (at >= cut || message.role !== 'tool' || !worthCompacting(message.content)) return message;
		listed.push(describe(calls.get(message.toolCallId), message.content));
		return { ...message, content: stubOf(message.content) };
	});
	if (listed.length === 0) return null;
	compacted.splice(cut, 0, {
		role: 'user',
		content: note.replace('{{calls}}', () => listed.join('\n')).trim()
	});
	return {
		messages: compacted,
		compacted: listed.length,
		tokensBefore,
		tokensAfter: overhead + estimateTokens(compacted)
	};
}

/** Index of the `keep`-th last assistant message (0 when there are fewer). */
function startOfRecentTurns(messages: readonly Message[], keep: number): number {
	let seen = 0;
	for (let at = messages.length - 1; at >= 0; at--) {
		if (messages[at]?.role === 'assistant' && ++seen === keep) return at;
	}
	return 0;
}

function worthCompacting(content: string): boolean {
	return !content.startsWith(STUB_PREFIX) && content.length >= MIN_COMPACTED_CHARS;
}

function stubOf(content: string): string {
	return `${STUB_PREFIX} ${content.length} characters of output removed to save context.`;
}

function describe(call: ToolCall | undefined, content: string): string {
	if (!call) return `- a tool call (${content.length} characters of output)`;
	const args = call.arguments.length > 160 ? `${call.arguments.slice(0, 160)}…` : call.arguments;
	return `- ${call.name} ${args} (${content.length} characters of output)`;
}

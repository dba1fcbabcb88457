// Context windows of common models, so compaction knows when to start without asking the user.
// Matched on the id's last path segment (OpenRouter says `openai/gpt-4o`), longest prefix first.

const windows: Array<[prefix: string, tokens: number]> = [
	['gpt-5', 400_000],
	['gpt-4.1', 1_047_576],
	['gpt-4o', 128_000],
	['gpt-4-turbo', 128_000],
	['gpt-4', 8_192],
	['gpt-3.5-turbo', 16_385],
	['o1', 200_000],
	['o3', 200_000],
	['o4-mini', 200_000],
	['codex-mini', 200_000],
	['claude', 200_000],
	['gemini', 1_048_576],
	['llama3', 128_000],
	['llama-3', 128_000],
	['qwen2.5-coder', 32_768],
	['qwen3', 40_960],
	['deepseek', 128_000],
	['mistral', 32_768],
	['codestral', 256_000]
];

export const DEFAULT_CONTEXT_WINDOW = 128_000;

/**
 * The context window of `model` in tokens, or 128k when the id is unknown. Local servers may run
 * a model with a smaller window than it supports (Ollama's default is a few thousand tokens), so
 * callers that know better pass their own.
 */
export function contextWindowOf(model: string): number {
	const id = (model.split('/').at(-1) ?? model).toLowerCase();
	let best: [string, number] | undefined;
	for (const entry of windows) {
		if (id.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
	}
	return best?.[1] ?? DEFAULT_CONTEXT_WINDOW;
}

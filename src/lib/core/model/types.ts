// The ModelClient seam: a provider-neutral conversation, and the events one streamed reply yields.
// The agent and the store speak these types; only `client.ts` knows the OpenAI wire format.

/** A complete tool call as the model made it; `arguments` is the raw JSON text, maybe invalid. */
export type ToolCall = { id: string; name: string; arguments: string };

/** A picture the user attached, as a data URL (`data:image/png;base64,…`). */
export type ImageAttachment = {
	mediaType: 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';
	dataUrl: string;
	/** The file's name, for the log; never sent. */
	name?: string;
	bytes: number;
};

export type Message =
	| { role: 'system'; content: string }
	| { role: 'user'; content: string; images?: ImageAttachment[] }
	| { role: 'assistant'; content: string; toolCalls?: ToolCall[] }
	| { role: 'tool'; toolCallId: string; content: string };

/** A JSON Schema object, as a tool's `parameters`; kept loose as any schema may be sent. */
export type JsonSchema = { [key: string]: unknown };

export type ToolSpec = { name: string; description: string; parameters: JsonSchema };

export type ModelRequest = { messages: Message[]; tools?: ToolSpec[] };

/**
 * One reply's token counts as OpenAI reports them: `cachedTokens` are part of `promptTokens`
 * (the prefix the provider had cached, billed at its cached rate), `reasoningTokens` part of
 * `completionTokens`. Both are absent when the server does not say.
 */
export type Usage = {
	promptTokens: number;
	completionTokens: number;
	cachedTokens?: number;
	reasoningTokens?: number;
};

export type FinishReason = 'stop' | 'tool_calls' | 'length' | 'error' | 'aborted';

/** Stable codes a UI can compare against; the message says what happened in words. */
export type ModelErrorCode =
	| 'unauthorized'
	| 'forbidden'
	| 'not-found'
	| 'bad-request'
	| 'rate-limited'
	| 'quota-exceeded'
	| 'server-error'
	| 'unreachable'
	/** No response headers, or no bytes mid-reply, within the limits in Settings. */
	| 'timeout'
	| 'content-filter'
	/** The request carried images and the model refused it. */
	| 'images-refused'
	| 'http-error';

export type ModelError = { message: string; code: ModelErrorCode; status?: number };

export type RetryReason = 'rate-limited' | 'server-error' | 'connection' | 'timeout';

/**
 * What a streamed reply yields, in order: text and tool-call deltas as they arrive, then the
 * assembled tool calls, the usage and one `finish`. A failed attempt that already yielded deltas
 * is followed by `reset` (drop this reply's partial output) before its `retry`.
 */
export type ModelEvent =
	| { type: 'text'; delta: string }
	| { type: 'tool_call_delta'; index: number; id?: string; name?: string; argumentsDelta?: string }
	| { type: 'tool_call'; index: number; call: ToolCall }
	| { type: 'usage'; usage: Usage }
	| { type: 'reset' }
	| { type: 'retry'; attempt: number; delayMs: number; reason: RetryReason; message: string }
	| { type: 'finish'; reason: FinishReason; error?: ModelError };

export interface ModelClient {
	/** The model id every request names. */
	readonly model: string;
	/** The server's origin (`https://api.openai.com`), so a cost can tell a local model apart. */
	readonly endpoint?: string;
	/** One reply to `request`. Never throws: failures end the stream with `finish` 'error'. */
	stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<ModelEvent>;
}

// The script a model server plays: a list of steps, one per chat request it receives. Everything
// except function checks is plain JSON, so a test in another process can send it over HTTP.
import type { ChatCompletionCreateParams } from 'openai/resources/chat/completions';

/** A parsed `POST /chat/completions` body, as the app sent it. */
export type ChatRequest = ChatCompletionCreateParams;

export type Role = 'system' | 'developer' | 'user' | 'assistant' | 'tool';

/** Text lists: a single string or several, each of which must match. */
export type Texts = string | string[];

export type MessageCheck = {
	role?: Role;
	/** Each text occurs in the message's text (content, plus an assistant's tool calls). */
	contains?: Texts;
	notContains?: Texts;
	equals?: string;
	/** A tool message's `tool_call_id`. */
	toolCallId?: string;
	/** The names of an assistant message's tool calls, in order. */
	toolCalls?: string[];
	/**
	 * How many `image_url` parts the message carries; each must be a base64 data URL of a PNG,
	 * JPEG, WebP or GIF whose bytes start as that format does.
	 */
	images?: number;
};

/** A declarative check of the request a step answers; every key given must hold. */
export type Check = {
	model?: string;
	stream?: boolean;
	/** Each text occurs in the system and developer messages, joined. */
	systemContains?: Texts;
	messages?: {
		count?: number;
		/** The exact sequence of roles. */
		roles?: Role[];
		/** Each text occurs in at least one message. */
		someContains?: Texts;
		/** No message contains any of the texts. */
		noneContains?: Texts;
		/** How many `image_url` parts all the messages carry together. */
		images?: number;
	};
	lastMessage?: MessageCheck;
	/** Names of the function tools offered; `exactly` ignores order. */
	tools?: { include?: string[]; exclude?: string[]; exactly?: string[] };
};

/** An in-process check: returns what is wrong, or null when the request is as expected. */
export type CheckFn = (request: ChatRequest) => string | null;

export type Expect = Check | CheckFn | Array<Check | CheckFn>;

export type ScriptedToolCall = {
	name: string;
	/** An object is sent as its JSON; a string is sent as is, so it may be malformed JSON. */
	arguments: Record<string, unknown> | string;
	/** Defaults to `call_<step>_<n>`, both counted from 1. */
	id?: string;
};

type Common = {
	expect?: Expect;
	/** Wait before answering (headers included). */
	delayMs?: number;
};

/** An assistant reply. */
export type Turn = Common & {
	content?: string;
	toolCalls?: ScriptedToolCall[];
	/** Defaults to `tool_calls` when there are tool calls, else `stop`. */
	finishReason?: 'stop' | 'length' | 'tool_calls' | 'content_filter';
	/**
	 * Defaults to an estimate of about four characters a token. `cachedTokens` and
	 * `reasoningTokens` are sent as OpenAI does, inside the prompt and completion counts'
	 * `*_tokens_details`.
	 */
	usage?: {
		promptTokens: number;
		completionTokens: number;
		cachedTokens?: number;
		reasoningTokens?: number;
	};
	/** Characters per streamed content or arguments delta (default 8). */
	chunkChars?: number;
	/** Wait between streamed chunks. */
	chunkDelayMs?: number;
	/** During those waits and a hang after chunks, send an SSE comment (`: keep-alive`) this often. */
	keepAliveMs?: number;
	/**
	 * Send this many chunks (the role chunk is the first), then destroy the socket; a count past
	 * the last chunk cuts just before `[DONE]`. Non-streaming requests are cut at once.
	 */
	cutAfterChunks?: number;
	/** As `cutAfterChunks`, but hold the response open until the client goes away. */
	hangAfterChunks?: number;
};

/** An HTTP error reply with OpenAI's error body; 429 and 5xx make the SDK retry. */
export type ErrorStep = Common & {
	error: {
		status: number;
		message?: string;
		type?: string;
		code?: string | null;
		/** Seconds, sent as `Retry-After`. */
		retryAfter?: number;
	};
};

/** No reply at all until the client aborts the request. */
export type HangStep = Common & { hang: true };

export type Step = Turn | ErrorStep | HangStep;

/** A script as sent to `POST /_scripts` or read from a `--script` file. */
export type ScriptBody = { turns: Step[]; apiKey?: string; models?: string[] };

export function isErrorStep(step: Step): step is ErrorStep {
	return 'error' in step;
}

export function isHangStep(step: Step): step is HangStep {
	return 'hang' in step;
}

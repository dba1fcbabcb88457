// A ModelClient over the openai SDK, for any OpenAI-compatible server. The SDK's own retries are
// off: retrying here lets every retry show up as an event, and lets a stream cut mid-reply be
// retried as a whole (the SDK retries only before the first byte).
import OpenAI from 'openai';
import { isAbortError } from '../http/index.ts';
import { backoffMs, MAX_RETRY_DELAY_MS, sleep } from './backoff.ts';
import { classifyFailure, type Failure } from './failures.ts';
import type { ModelClient, ModelEvent, ModelRequest } from './types.ts';
import { ReplyAssembler, toWireMessages, toWireTools } from './wire.ts';

export type ModelClientOptions = {
	baseURL: string;
	apiKey: string;
	model: string;
	fetch?: typeof globalThis.fetch;
	/** Retries after the first attempt (default 4). */
	maxRetries?: number;
	/** The first backoff, doubled on each retry (default 500 ms). */
	retryBaseMs?: number;
	/** Jitter source in [0, 1); tests pin it. */
	random?: () => number;
};

type Settings = Required<Pick<ModelClientOptions, 'maxRetries' | 'retryBaseMs' | 'random'>> & {
	baseURL: string;
	model: string;
	openai: OpenAI;
};

export function createModelClient(options: ModelClientOptions): ModelClient {
	const baseURL = options.baseURL.replace(/\/+$/, '');
	const settings: Settings = {
		baseURL,
		model: options.model,
		maxRetries: options.maxRetries ?? 4,
		retryBaseMs: options.retryBaseMs ?? 500,
		random: options.random ?? Math.random,
		openai: new OpenAI({
			baseURL,
			// Local servers need no key, but the SDK insists on one.
			apiKey: options.apiKey || 'no-key',
			dangerouslyAllowBrowser: true,
			maxRetries: 0,
			...(options.fetch ? { fetch: options.fetch } : {})
		})
	};
	return {
		model: options.model,
		stream: (request, signal) => streamReply(settings, request, signal)
	};
}

const aborted: ModelEvent = { type: 'finish', reason: 'aborted' };

async function* streamReply(
	settings: Settings,
	request: ModelRequest,
	signal: AbortSignal
): AsyncGenerator<ModelEvent> {
	for (let attempt = 1; ; attempt++) {
		const reply = new ReplyAssembler();
		let failure: Failure;
		try {
			const stream = await settings.openai.chat.completions.create(
				{
					model: settings.model,
					messages: toWireMessages(request.messages),
					...(request.tools?.length ? { tools: toWireTools(request.tools) } : {}),
					stream: true,
					stream_options: { include_usage: true }
				},
				{ signal }
			);
			for await (const chunk of stream) yield* reply.add(chunk);
			// The SDK ends the iteration quietly when the request is aborted.
			if (signal.aborted) return yield aborted;
			if (reply.finish) return yield* reply.end();
			failure = endedEarly;
		} catch (error) {
			if (signal.aborted || isAbortError(error)) return yield aborted;
			// A cut after the finish reason loses at most the usage: the reply itself is whole.
			if (reply.finish) return yield* reply.end();
			failure = classifyFailure(error, settings.baseURL);
		}
		const retry = planRetry(failure, attempt, settings);
		if (retry.type === 'finish') return yield retry;
		// The consumer has shown part of a reply that will now be sent again from the start.
		if (reply.started) yield { type: 'reset' };
		yield retry;
		if (!(await sleep(retry.delayMs, signal))) return yield aborted;
	}
}

const endedEarly: Failure = {
	error: {
		code: 'unreachable',
		message: 'The model server ended the reply before it was complete.'
	},
	retry: 'connection'
};

/** The `retry` event for attempt `attempt`'s failure, or the `finish` that gives up. */
function planRetry(
	failure: Failure,
	attempt: number,
	settings: Settings
): Extract<ModelEvent, { type: 'retry' | 'finish' }> {
	const { error, retry, retryAfterMs } = failure;
	if (!retry) return { type: 'finish', reason: 'error', error };
	if (attempt > settings.maxRetries) {
		const tries = `gave up after ${attempt} attempts`;
		return {
			type: 'finish',
			reason: 'error',
			error: { ...error, message: `${error.message} (${tries})` }
		};
	}
	if (retryAfterMs !== undefined && retryAfterMs > MAX_RETRY_DELAY_MS) {
		const wait = `it asked to wait ${Math.ceil(retryAfterMs / 1000)} s before trying again`;
		return {
			type: 'finish',
			reason: 'error',
			error: { ...error, message: `${error.message} (${wait})` }
		};
	}
	const delayMs = backoffMs(
		attempt,
		{ baseMs: settings.retryBaseMs, random: settings.random },
		retryAfterMs
	);
	return { type: 'retry', attempt, delayMs, reason: retry, message: error.message };
}

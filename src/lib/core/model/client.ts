// A ModelClient over the openai SDK, for any OpenAI-compatible server. The SDK's own retries are
// off: retrying here lets every retry show up as an event, and lets a stream cut mid-reply be
// retried as a whole (the SDK retries only before the first byte). Each request has its own
// deadline (deadline.ts), so a server that goes quiet is retried too, visibly, instead of hanging.
import OpenAI from 'openai';
import { isAbortError } from '../http/index.ts';
import { backoffMs, MAX_RETRY_DELAY_MS, sleep } from './backoff.ts';
import {
	DEFAULT_CONNECT_TIMEOUT_MS,
	DEFAULT_IDLE_TIMEOUT_MS,
	type DeadlineLimits,
	StreamDeadline
} from './deadline.ts';
import { classifyFailure, timedOut, type Failure } from './failures.ts';
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
	/** How long to wait for the response headers (default 60 s). */
	connectTimeoutMs?: number;
	/** How long the server may send nothing once the reply has begun (default 90 s). */
	idleTimeoutMs?: number;
};

type Settings = Required<Pick<ModelClientOptions, 'maxRetries' | 'retryBaseMs' | 'random'>> & {
	baseURL: string;
	model: string;
	openai: OpenAI;
	fetch: typeof globalThis.fetch;
	limits: DeadlineLimits;
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
			maxRetries: 0
		}),
		fetch: options.fetch ?? globalThis.fetch,
		limits: {
			connectMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
			idleMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS
		}
	};
	return {
		model: options.model,
		endpoint: originOf(baseURL),
		stream: (request, signal) => streamReply(settings, request, signal)
	};
}

function originOf(baseURL: string): string | undefined {
	try {
		return new URL(baseURL).origin;
	} catch {
		return undefined;
	}
}

const aborted: ModelEvent = { type: 'finish', reason: 'aborted' };

async function* streamReply(
	settings: Settings,
	request: ModelRequest,
	signal: AbortSignal
): AsyncGenerator<ModelEvent> {
	for (let attempt = 1; ; attempt++) {
		const reply = new ReplyAssembler();
		// One deadline per request: its signal ends this request only, never the caller's.
		const deadline = new StreamDeadline(settings.limits, signal);
		let failure: Failure;
		try {
			const openai = settings.openai.withOptions({ fetch: deadline.watch(settings.fetch) });
			const stream = await openai.chat.completions.create(
				{
					model: settings.model,
					messages: toWireMessages(request.messages),
					...(request.tools?.length ? { tools: toWireTools(request.tools) } : {}),
					stream: true,
					stream_options: { include_usage: true }
				},
				{ signal: deadline.signal }
			);
			for await (const chunk of stream) {
				deadline.pause();
				yield* reply.add(chunk);
				deadline.resume();
			}
			// The SDK ends the iteration quietly when the request is aborted.
			if (signal.aborted) return yield aborted;
			if (reply.finish) return yield* reply.end();
			failure = deadline.expired ? timedOut(deadline.expired) : endedEarly;
		} catch (error) {
			if (signal.aborted) return yield aborted;
			// A cut after the finish reason loses at most the usage: the reply itself is whole.
			if (reply.finish) return yield* reply.end();
			if (deadline.expired) failure = timedOut(deadline.expired);
			else if (isAbortError(error)) return yield aborted;
			else failure = withImages(classifyFailure(error, settings.baseURL), request, settings.model);
		} finally {
			deadline.dispose();
		}
		const retry = planRetry(failure, attempt, settings);
		if (retry.type === 'finish') return yield retry;
		// The consumer has shown part of a reply that will now be sent again from the start.
		if (reply.started) yield { type: 'reset' };
		yield retry;
		if (!(await sleep(retry.delayMs, signal))) return yield aborted;
	}
}

/**
 * A request with pictures that the server rejects outright (400, 404, 415, 422) was most likely
 * refused for them: a model that reads only text. The message names the model and says what to do.
 */
function withImages(failure: Failure, request: ModelRequest, model: string): Failure {
	const status = failure.error.status;
	const refused = status === 400 || status === 404 || status === 415 || status === 422;
	const hasImages = request.messages.some((m) => m.role === 'user' && m.images?.length);
	if (!refused || !hasImages || failure.retry) return failure;
	const message =
		`The model ${model} refused a request with images (${failure.error.message.replace(/\.$/, '')}). ` +
		'Choose a model that reads images in Settings → Model, or send the message without them.';
	return { error: { code: 'images-refused', message, status } };
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
		const message = failure.next
			? `${error.message.replace(/\.$/, '')} (${tries}). ${failure.next}`
			: `${error.message} (${tries})`;
		return { type: 'finish', reason: 'error', error: { ...error, message } };
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
	// A timeout says which retry this is: minutes may pass between them.
	const message =
		retry === 'timeout'
			? `${error.message.replace(/\.$/, '')}; retrying (${attempt} of ${settings.maxRetries})`
			: error.message;
	return { type: 'retry', attempt, delayMs, reason: retry, message };
}

// Sorts what went wrong with a model request into "try again" (with the reason shown to the user)
// and "give up" (with a message saying what to do), as the SDK's own retries are switched off.
import OpenAI from 'openai';
import { describeExpiry, type Expired } from './deadline.ts';
import type { ModelError, RetryReason } from './types.ts';

export type Failure = {
	error: ModelError;
	/** Set when the request may succeed if sent again. */
	retry?: RetryReason;
	/** What the server asked for (`retry-after-ms` / `Retry-After`), in milliseconds. */
	retryAfterMs?: number;
	/** What to do next, added to the message once the retries are spent. */
	next?: string;
};

/** A non-retryable failure to report as is. */
export function giveUp(code: ModelError['code'], message: string, status?: number): Failure {
	return { error: status === undefined ? { code, message } : { code, message, status } };
}

/** A request ended by its deadline (deadline.ts): worth another try, as a stall is often passing. */
export function timedOut(expired: Expired): Failure {
	return {
		error: { code: 'timeout', message: describeExpiry(expired) },
		retry: 'timeout',
		next:
			'Check that the model server is running and not overloaded, or allow it more time in ' +
			'Settings → Model → Advanced.'
	};
}

export function classifyFailure(error: unknown, baseURL: string): Failure {
	if (error instanceof OpenAI.APIConnectionError) {
		const message = `Could not reach the model server at ${baseURL}: ${error.message}`;
		return { error: { code: 'unreachable', message }, retry: 'connection' };
	}
	if (error instanceof OpenAI.APIError && error.status !== undefined) {
		return classifyStatus(error.status, error);
	}
	if (error instanceof OpenAI.APIError) {
		// An error event inside an otherwise healthy stream: the server has decided, not the wire.
		return giveUp('http-error', `The model server reported an error: ${error.message}`);
	}
	// Anything else thrown while reading the body ("terminated", a torn SSE event) means the
	// connection broke mid-reply.
	const detail = error instanceof Error ? error.message : String(error);
	const message = `The connection to the model server broke mid-reply (${detail}).`;
	return { error: { code: 'unreachable', message }, retry: 'connection' };
}

function classifyStatus(status: number, error: InstanceType<typeof OpenAI.APIError>): Failure {
	const said = error.message;
	if (status === 429 && error.code === 'insufficient_quota') {
		return giveUp(
			'quota-exceeded',
			`The model provider says the quota is used up: ${said}`,
			status
		);
	}
	if (status === 429) {
		return {
			error: { code: 'rate-limited', message: `Rate limited by the model server: ${said}`, status },
			retry: 'rate-limited',
			retryAfterMs: retryAfterOf(error.headers)
		};
	}
	if (status >= 500) {
		return {
			error: { code: 'server-error', message: `The model server failed: ${said}`, status },
			retry: 'server-error',
			retryAfterMs: retryAfterOf(error.headers)
		};
	}
	if (status === 401) {
		const message = `The model server refused the API key (401): ${said} Check the key in Settings.`;
		return giveUp('unauthorized', message, status);
	}
	if (status === 403) {
		return giveUp('forbidden', `The model server denied access (403): ${said}`, status);
	}
	if (status === 404) {
		const message = `The model server answered 404: ${said} Check the model id and the base URL.`;
		return giveUp('not-found', message, status);
	}
	if (status === 400 || status === 422) {
		return giveUp('bad-request', `The model server rejected the request: ${said}`, status);
	}
	return giveUp('http-error', `The model server answered ${status}: ${said}`, status);
}

/** `retry-after-ms` (OpenAI's), else `Retry-After` in seconds or as an HTTP date. */
export function retryAfterOf(headers: Headers | undefined, now = Date.now()): number | undefined {
	const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
	if (Number.isFinite(ms) && ms >= 0) return Math.round(ms);
	const value = headers?.get('retry-after');
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

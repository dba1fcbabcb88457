// When to send a failed model request again: what the server asked for, else exponential backoff
// with jitter, so parallel attempts hitting the same rate limit do not retry in lockstep.

/** Longest wait we accept; a server asking for more is treated as a refusal. */
export const MAX_RETRY_DELAY_MS = 60_000;

export type BackoffOptions = { baseMs: number; random: () => number };

/** The wait before retry number `attempt` (from 1). */
export function backoffMs(attempt: number, options: BackoffOptions, retryAfterMs?: number): number {
	if (retryAfterMs !== undefined) return retryAfterMs;
	const exponential = Math.min(MAX_RETRY_DELAY_MS, options.baseMs * 2 ** (attempt - 1));
	// Up to a quarter less, as the SDK does.
	return Math.round(exponential * (1 - 0.25 * options.random()));
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
	if (signal.aborted) return Promise.resolve(false);
	return new Promise((resolve) => {
		const onAbort = () => {
			clearTimeout(timer);
			resolve(false);
		};
		const timer = setTimeout(() => {
			signal.removeEventListener('abort', onAbort);
			resolve(true);
		}, ms);
		signal.addEventListener('abort', onAbort, { once: true });
	});
}

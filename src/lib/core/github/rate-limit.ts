import type { Failure } from './failure.ts';

/** GitHub: without a `retry-after`, wait at least a minute after a secondary rate limit. */
export const SECONDARY_LIMIT_WAIT_MS = 60_000;

/**
 * How long GitHub asks us to wait before trying a failed request again, or null when the
 * failure is not a rate limit. Primary limits (x-ratelimit-remaining: 0) last until x-ratelimit-reset;
 * secondary limits name their wait in retry-after, or not at all.
 */
export function rateLimitWait(failure: Failure, now: number): number | null {
	const { status, message, headers } = failure;
	if (status !== 403 && status !== 429) return null;
	const retryAfter = headers['retry-after'];
	if (retryAfter !== undefined) {
		const seconds = Number(retryAfter);
		const at = Number.isFinite(seconds) ? now + seconds * 1000 : Date.parse(retryAfter);
		if (!Number.isNaN(at)) return Math.max(0, at - now);
	}
	if (headers['x-ratelimit-remaining'] === '0' && headers['x-ratelimit-reset'] !== undefined) {
		// One second of slack: the reset is given in whole seconds.
		return Math.max(0, Number(headers['x-ratelimit-reset']) * 1000 - now + 1000);
	}
	if (/secondary rate limit|abuse detection/i.test(message)) return SECONDARY_LIMIT_WAIT_MS;
	return status === 429 ? SECONDARY_LIMIT_WAIT_MS : null;
}

// Every request an Octokit makes passes through here: writes wait their turn at the write gate,
// and an answer that says "rate limited" is waited out and retried, as GitHub asks clients to.
// Retrying a write is safe for what Patchbay writes: blobs, trees and commits are
// content-addressed, and the ref and pull-request steps recognise their own earlier success.
import type { Octokit } from '@octokit/rest';
import { realClock, type Clock } from './clock.ts';
import { readFailure } from './failure.ts';
import { rateLimitWait } from './rate-limit.ts';
import { createWriteGate, type WriteGateOptions } from './write-gate.ts';

export type ThrottleOptions = WriteGateOptions & {
	/** Rate-limited answers retried per request. Default 3. */
	maxRetries?: number;
	/** A longer wait than this is not waited out: the request fails (as `rate-limited`). Default 60 s. */
	maxWaitMs?: number;
	/** Told before each wait, so a UI can say why nothing moves. */
	onRateLimit?: (waitMs: number) => void;
	clock?: Clock;
};

const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

export function throttleRequests(octokit: Octokit, options: ThrottleOptions = {}): void {
	const clock = options.clock ?? realClock;
	const gate = createWriteGate(options, clock);
	const maxRetries = options.maxRetries ?? 3;
	const maxWaitMs = options.maxWaitMs ?? 60_000;
	octokit.hook.wrap('request', async (request, requestOptions) => {
		const signal = requestOptions.request?.signal ?? undefined;
		const isWrite = WRITES.has(requestOptions.method.toUpperCase());
		for (let attempt = 0; ; attempt++) {
			try {
				return isWrite
					? await gate.run(async () => request(requestOptions), signal)
					: await request(requestOptions);
			} catch (error) {
				const waitMs = rateLimitWait(readFailure(error), clock.now());
				if (waitMs === null || attempt >= maxRetries || waitMs > maxWaitMs) throw error;
				options.onRateLimit?.(waitMs);
				// Other writes would only meet the same limit: hold them back as well.
				gate.pauseUntil(clock.now() + waitMs);
				await clock.sleep(waitMs, signal);
			}
		}
	});
}

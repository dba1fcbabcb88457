import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/lib/core/github/clock.ts';
import type { Failure } from '../../../src/lib/core/github/failure.ts';
import { rateLimitWait } from '../../../src/lib/core/github/rate-limit.ts';
import { createWriteGate } from '../../../src/lib/core/github/write-gate.ts';

/** A clock whose sleeps pass instantly, so pacing is checked by the times writes start at. */
function fakeClock(): Clock & { time: number } {
	const clock = {
		time: 0,
		now: () => clock.time,
		async sleep(ms: number, signal?: AbortSignal) {
			signal?.throwIfAborted();
			clock.time += ms;
		}
	};
	return clock;
}

function deferred() {
	let resolve!: () => void;
	const promise = new Promise<void>((done) => (resolve = done));
	return { promise, resolve };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createWriteGate', () => {
	it('spaces the starts of writes by the interval', async () => {
		const clock = fakeClock();
		const gate = createWriteGate({ intervalMs: 250, concurrency: 4 }, clock);
		const starts = await Promise.all([1, 2, 3, 4].map(() => gate.run(async () => clock.now())));
		expect(starts).toEqual([0, 250, 500, 750]);
	});

	it('starts at most perMinute writes in any minute', async () => {
		const clock = fakeClock();
		const gate = createWriteGate({ intervalMs: 0, perMinute: 3, concurrency: 9 }, clock);
		const starts = await Promise.all([1, 2, 3, 4, 5].map(() => gate.run(async () => clock.now())));
		expect(starts).toEqual([0, 0, 0, 60_000, 60_000]);
	});

	it('keeps at most `concurrency` writes in flight', async () => {
		const gate = createWriteGate({ intervalMs: 0, concurrency: 2 }, fakeClock());
		const gates = [deferred(), deferred(), deferred()];
		const started: number[] = [];
		const runs = gates.map((each, index) =>
			gate.run(async () => {
				started.push(index);
				await each.promise;
			})
		);
		await settle();
		const whileTwoRun = [...started];
		gates[1]!.resolve();
		await settle();
		expect({ whileTwoRun, afterOneEnds: started }).toEqual({
			whileTwoRun: [0, 1],
			afterOneEnds: [0, 1, 2]
		});
		gates[0]!.resolve();
		gates[2]!.resolve();
		await Promise.all(runs);
	});

	it('holds every write back while paused', async () => {
		const clock = fakeClock();
		const gate = createWriteGate({ intervalMs: 10 }, clock);
		gate.pauseUntil(5_000);
		expect(await gate.run(async () => clock.now())).toEqual(5_000);
	});

	it('lets a cancelled write leave the queue without blocking the next', async () => {
		const clock = fakeClock();
		const gate = createWriteGate({ intervalMs: 100 }, clock);
		const cancelled = AbortSignal.abort(new Error('stop'));
		const results = await Promise.allSettled([
			gate.run(async () => 'first'),
			gate.run(async () => 'cancelled', cancelled),
			gate.run(async () => 'third')
		]);
		expect(
			results.map((result) => (result.status === 'fulfilled' ? result.value : 'rejected'))
		).toEqual(['first', 'rejected', 'third']);
	});
});

describe('rateLimitWait', () => {
	const now = Date.parse('2025-01-01T00:00:00Z');
	const failure = (
		status: number,
		headers: Record<string, string> = {},
		message = ''
	): Failure => ({
		status,
		headers,
		message,
		aborted: false
	});
	const cases: [string, Failure, number | null][] = [
		['retry-after in seconds', failure(403, { 'retry-after': '3' }), 3_000],
		[
			'retry-after as a date',
			failure(429, { 'retry-after': 'Wed, 01 Jan 2025 00:00:10 GMT' }),
			10_000
		],
		[
			'an exhausted primary limit',
			failure(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 30) }),
			31_000
		],
		[
			'a secondary limit without headers',
			failure(403, {}, 'You have exceeded a secondary rate limit'),
			60_000
		],
		['a bare 429', failure(429), 60_000],
		[
			'a 403 that is no rate limit',
			failure(403, { 'x-ratelimit-remaining': '4999' }, 'Forbidden'),
			null
		],
		['a 404', failure(404, { 'retry-after': '3' }), null]
	];
	for (const [name, given, expected] of cases) {
		it(name, () => expect(rateLimitWait(given, now)).toEqual(expected));
	}
});

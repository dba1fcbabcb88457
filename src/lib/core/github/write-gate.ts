// Paces write requests. GitHub's secondary rate limits punish bursts of content-creating
// requests (its guidance: serial, about one a second, at most ~80 a minute), and a push makes
// one request per changed file. Writes here start at least `intervalMs` apart, at most
// `perMinute` in any minute and `concurrency` at once; a rate-limit answer pauses all of them.
import type { Clock } from './clock.ts';

export type WriteGateOptions = {
	/** Least time between the starts of two writes. Default 250 ms (4 a second). */
	intervalMs?: number;
	/** Most writes started in any 60 seconds. Default 80, GitHub's published ceiling. */
	perMinute?: number;
	/** Most writes in flight at once. Default 2. */
	concurrency?: number;
};

export type WriteGate = {
	run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
	/** Holds back every write that has not started until `time`. */
	pauseUntil(time: number): void;
};

const MINUTE = 60_000;

export function createWriteGate(options: WriteGateOptions, clock: Clock): WriteGate {
	const intervalMs = options.intervalMs ?? 250;
	const perMinute = Math.max(1, options.perMinute ?? 80);
	const concurrency = Math.max(1, options.concurrency ?? 2);
	const starts: number[] = [];
	let active = 0;
	let pausedUntil = 0;
	let released: (() => void)[] = [];
	// Admissions happen one at a time, in call order, so the spacing rules see every start.
	let admissions: Promise<unknown> = Promise.resolve();

	const release = () => {
		active--;
		const waiting = released;
		released = [];
		for (const wake of waiting) wake();
	};

	const earliestStart = (): number => {
		const now = clock.now();
		while (starts.length > 0 && starts[0]! <= now - MINUTE) starts.shift();
		const last = starts.at(-1);
		const spaced = last === undefined ? now : last + intervalMs;
		const windowed = starts.length >= perMinute ? starts[starts.length - perMinute]! + MINUTE : now;
		return Math.max(now, spaced, windowed, pausedUntil);
	};

	const admit = async (signal?: AbortSignal): Promise<void> => {
		while (active >= concurrency) {
			await new Promise<void>((resolve) => released.push(resolve));
			signal?.throwIfAborted();
		}
		for (let wait = earliestStart() - clock.now(); wait > 0; wait = earliestStart() - clock.now()) {
			await clock.sleep(wait, signal);
		}
		signal?.throwIfAborted();
		active++;
		starts.push(clock.now());
	};

	return {
		async run(task, signal) {
			const admitted = admissions.then(() => admit(signal));
			admissions = admitted.catch(() => undefined);
			await admitted;
			try {
				return await task();
			} finally {
				release();
			}
		},
		pauseUntil(time) {
			pausedUntil = Math.max(pausedUntil, time);
		}
	};
}

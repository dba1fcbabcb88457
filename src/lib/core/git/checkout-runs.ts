// Checkouts under way, by repository and branch: a request for one that is running joins it —
// one fetch, its progress told to every waiter — instead of fetching the same files again. The
// paste starts a checkout in the background while the person types; Code joins it.
import type { CheckoutProgress } from './baseline.ts';

export type CheckoutRun<T> = {
	/** Waits for the run's value; `last` is true for the last waiter to get it. */
	wait(): Promise<{ value: T; last: boolean }>;
	/**
	 * Hears the run's progress from now on; first, the progress already sent with a listing
	 * (`listed`) and the latest one, so a late joiner knows where the run stands.
	 */
	watch(listener: (progress: CheckoutProgress) => void): () => void;
};

export type CheckoutRuns<T> = {
	/** The run under way for `key`, or a new one doing `work`. */
	run(
		key: string,
		work: (report: (progress: CheckoutProgress) => void) => Promise<T>
	): { run: CheckoutRun<T>; joined: boolean };
	/** Whether a run for `key` is under way. */
	has(key: string): boolean;
};

export function createCheckoutRuns<T>(): CheckoutRuns<T> {
	const running = new Map<string, CheckoutRun<T>>();

	function start(key: string, work: Parameters<CheckoutRuns<T>['run']>[1]): CheckoutRun<T> {
		const listeners = new Set<(progress: CheckoutProgress) => void>();
		let listed: CheckoutProgress | undefined;
		let latest: CheckoutProgress | undefined;
		let waiters = 0;
		const report = (progress: CheckoutProgress) => {
			if (progress.listed) listed = progress;
			latest = progress;
			for (const listener of listeners) listener(progress);
		};
		const result = work(report).finally(() => running.delete(key));
		result.catch(() => {}); // a run nobody waits for (the paste's) may fail unheard
		return {
			async wait() {
				waiters++;
				try {
					return { value: await result, last: waiters === 1 };
				} finally {
					waiters--;
				}
			},
			watch(listener) {
				if (listed) listener(listed);
				if (latest && latest !== listed) listener(latest);
				listeners.add(listener);
				return () => listeners.delete(listener);
			}
		};
	}

	return {
		run(key, work) {
			const found = running.get(key);
			if (found) return { run: found, joined: true };
			const started = start(key, work);
			running.set(key, started);
			return { run: started, joined: false };
		},
		has: (key) => running.has(key)
	};
}

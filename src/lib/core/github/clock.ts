/** Time as the throttle sees it; tests pass a fake one so waits cost nothing. */
export type Clock = {
	now(): number;
	/** Resolves after `ms`, or rejects with the signal's reason once it aborts. */
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
};

export const realClock: Clock = {
	now: () => Date.now(),
	sleep: (ms, signal) =>
		new Promise((resolve, reject) => {
			if (signal?.aborted) return reject(signal.reason);
			const done = () => {
				signal?.removeEventListener('abort', abort);
				resolve();
			};
			const timer = setTimeout(done, ms);
			const abort = () => {
				clearTimeout(timer);
				reject(signal?.reason);
			};
			signal?.addEventListener('abort', abort, { once: true });
		})
};

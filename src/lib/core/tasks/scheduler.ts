// Runs queued jobs (attempts) at most `concurrency` at a time, first in, first out.
// Cancelling a queued job drops it; cancelling a running one aborts its signal.

export type JobState = 'queued' | 'running' | 'finished' | 'cancelled';

export type Scheduler = {
	enqueue(id: string, run: (signal: AbortSignal) => Promise<void>): void;
	cancel(id: string): void;
	setConcurrency(limit: number): void;
	state(id: string): JobState | undefined;
	/** Resolves when nothing is queued or running. */
	idle(): Promise<void>;
};

export function createScheduler(options: {
	concurrency: number;
	onChange?: (id: string, state: JobState) => void;
}): Scheduler {
	let limit = Math.max(1, options.concurrency);
	const queue: { id: string; run: (signal: AbortSignal) => Promise<void> }[] = [];
	const running = new Map<string, AbortController>();
	const states = new Map<string, JobState>();
	let waiters: (() => void)[] = [];

	const set = (id: string, state: JobState) => {
		states.set(id, state);
		options.onChange?.(id, state);
	};

	function pump() {
		while (running.size < limit && queue.length > 0) {
			const job = queue.shift()!;
			const controller = new AbortController();
			running.set(job.id, controller);
			set(job.id, 'running');
			void job
				.run(controller.signal)
				.catch(() => {
					// A job reports its own failure; the scheduler only frees its slot.
				})
				.finally(() => {
					running.delete(job.id);
					set(job.id, controller.signal.aborted ? 'cancelled' : 'finished');
					pump();
				});
		}
		if (running.size === 0 && queue.length === 0) {
			const done = waiters;
			waiters = [];
			for (const resolve of done) resolve();
		}
	}

	return {
		enqueue(id, run) {
			queue.push({ id, run });
			set(id, 'queued');
			pump();
		},
		cancel(id) {
			const at = queue.findIndex((job) => job.id === id);
			if (at >= 0) {
				queue.splice(at, 1);
				set(id, 'cancelled');
				pump();
				return;
			}
			running.get(id)?.abort(new Error('cancelled'));
		},
		setConcurrency(next) {
			limit = Math.max(1, next);
			pump();
		},
		state: (id) => states.get(id),
		idle: () =>
			running.size === 0 && queue.length === 0
				? Promise.resolve()
				: new Promise<void>((resolve) => waiters.push(resolve))
	};
}

// An attempt's log as it is written: entries are appended in order and stored in batches (one
// IndexedDB transaction at a time, not one per token); adjacent entries may be merged first,
// so a streamed reply is stored as one entry per flush rather than one per delta. The store
// numbers the entries (inside its write transaction), so the log holds no sequence counter that
// another writer could overtake.

export type StoredEntry<T> = { time: number; entry: T };

export type EventLog<T> = {
	append(entry: T): void;
	/**
	 * Writes everything appended so far; resolves once the write is over. It never rejects: a
	 * failed batch goes to `onError` and is kept for the next write, so one failure neither
	 * loses the entries nor stops the ones after it.
	 */
	flush(): Promise<void>;
};

export type EventLogOptions<T> = {
	write(batch: StoredEntry<T>[]): Promise<void>;
	/** The merge of two adjacent entries, or null when they stay apart. */
	merge?: (previous: T, next: T) => T | null;
	flushEveryMs?: number;
	/**
	 * Entries that must not wait for the timer (a command's result, a status): stored at once, so
	 * a reload right after one still finds it. Streamed deltas are left to the timer.
	 */
	urgent?: (entry: T) => boolean;
	/** A write failed; `dropped` is true once the batch was given up (after `maxRetries`). */
	onError?: (error: unknown, dropped: boolean) => void;
	/** How many failed writes in a row a batch survives before it is dropped (default 5). */
	maxRetries?: number;
};

export function createEventLog<T>(options: EventLogOptions<T>): EventLog<T> {
	const delay = options.flushEveryMs ?? 150;
	const maxRetries = options.maxRetries ?? 5;
	let pending: StoredEntry<T>[] = [];
	let timer: ReturnType<typeof setTimeout> | undefined;
	let writing: Promise<void> = Promise.resolve();
	let failures = 0;
	let soon = false;

	async function write(batch: StoredEntry<T>[]) {
		try {
			await options.write(batch);
			failures = 0;
		} catch (error) {
			failures++;
			const dropped = failures > maxRetries;
			if (dropped) failures = 0;
			// Kept in front of what came since, in order, for the next write (the timer's or a
			// flush's); merging happens only at the tail, so nothing is reordered.
			else pending = [...batch, ...pending];
			if (!dropped) timer ??= setTimeout(() => void flush(), delay);
			options.onError?.(error, dropped);
		}
	}

	function flush(): Promise<void> {
		clearTimeout(timer);
		timer = undefined;
		// Taken when this write's turn comes, so a batch kept after a failure goes first.
		writing = writing.then(() => {
			const batch = pending;
			pending = [];
			return batch.length > 0 ? write(batch) : undefined;
		});
		return writing;
	}

	return {
		append(entry) {
			const last = pending.at(-1);
			const merged = last && options.merge ? options.merge(last.entry, entry) : null;
			if (last && merged) last.entry = merged;
			else pending.push({ time: Date.now(), entry });
			if (options.urgent?.(entry)) {
				// A microtask, so entries appended together still share one transaction.
				if (!soon) {
					soon = true;
					queueMicrotask(() => {
						soon = false;
						void flush();
					});
				}
			} else timer ??= setTimeout(() => void flush(), delay);
		},
		flush
	};
}

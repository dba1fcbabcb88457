// An attempt's log as it is written: entries are appended in order and stored in batches (one
// IndexedDB transaction at a time, not one per token); adjacent entries may be merged first,
// so a streamed reply is stored as one entry per flush rather than one per delta.

export type StoredEntry<T> = { seq: number; time: number; entry: T };

export type EventLog<T> = {
	append(entry: T): void;
	/** Writes everything appended so far; resolves once it is stored. */
	flush(): Promise<void>;
};

export type EventLogOptions<T> = {
	write(batch: StoredEntry<T>[]): Promise<void>;
	startSeq: number;
	/** The merge of two adjacent entries, or null when they stay apart. */
	merge?: (previous: T, next: T) => T | null;
	flushEveryMs?: number;
	/**
	 * Entries that must not wait for the timer (a command's result, a status): stored at once, so
	 * a reload right after one still finds it. Streamed deltas are left to the timer.
	 */
	urgent?: (entry: T) => boolean;
};

export function createEventLog<T>(options: EventLogOptions<T>): EventLog<T> {
	let seq = options.startSeq;
	let pending: { time: number; entry: T }[] = [];
	let timer: ReturnType<typeof setTimeout> | undefined;
	let writing: Promise<void> = Promise.resolve();
	let soon = false;

	function flush(): Promise<void> {
		clearTimeout(timer);
		timer = undefined;
		const batch = pending.map(({ time, entry }) => ({ seq: seq++, time, entry }));
		pending = [];
		if (batch.length > 0) writing = writing.then(() => options.write(batch));
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
			} else timer ??= setTimeout(() => void flush(), options.flushEveryMs ?? 150);
		},
		flush
	};
}

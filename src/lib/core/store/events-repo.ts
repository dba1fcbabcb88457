import type { PatchbayDb } from './open-db.ts';
import type { AttemptEventRecord } from './schema.ts';

/** An event as handed to `append`: its sequence number is given by the store. */
export type NewAttemptEvent = Omit<AttemptEventRecord, 'attemptId' | 'seq'>;

/** An attempt's append-only log. Sequence numbers start at 0 and have no gaps. */
export function eventsRepo(db: PatchbayDb) {
	const range = (attemptId: string, from = 0) =>
		IDBKeyRange.bound([attemptId, from], [attemptId, Number.MAX_SAFE_INTEGER]);
	return {
		/**
		 * Appends events after the attempt's last one and returns the first sequence number given.
		 * The last number is read in the same readwrite transaction as the writes, and IndexedDB
		 * runs readwrite transactions on one store one at a time (across tabs too), so two writers
		 * never take the same number.
		 */
		async append(attemptId: string, events: NewAttemptEvent[]): Promise<number> {
			const tx = db.transaction('events', 'readwrite');
			const last = await tx.store.openCursor(range(attemptId), 'prev');
			const first = last ? last.value.seq + 1 : 0;
			const writes = events.map((event, i) =>
				tx.store.add({ ...event, attemptId, seq: first + i })
			);
			await Promise.all([...writes, tx.done]);
			return first;
		},
		list(attemptId: string, fromSeq = 0): Promise<AttemptEventRecord[]> {
			return db.getAll('events', range(attemptId, fromSeq));
		},
		async deleteAttempt(attemptId: string): Promise<void> {
			await db.delete('events', range(attemptId));
		}
	};
}

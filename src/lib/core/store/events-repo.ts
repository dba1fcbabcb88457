import type { PatchbayDb } from './open-db.ts';
import type { AttemptEventRecord } from './schema.ts';

/** An attempt's append-only log. Sequence numbers start at 0 and have no gaps. */
export function eventsRepo(db: PatchbayDb) {
	const range = (attemptId: string, from = 0) =>
		IDBKeyRange.bound([attemptId, from], [attemptId, Number.MAX_SAFE_INTEGER]);
	return {
		/** Appends events in one transaction; `add` refuses to overwrite an existing seq. */
		async append(events: AttemptEventRecord[]): Promise<void> {
			const tx = db.transaction('events', 'readwrite');
			await Promise.all([...events.map((event) => tx.store.add(event)), tx.done]);
		},
		list(attemptId: string, fromSeq = 0): Promise<AttemptEventRecord[]> {
			return db.getAll('events', range(attemptId, fromSeq));
		},
		async nextSeq(attemptId: string): Promise<number> {
			const cursor = await db.transaction('events').store.openCursor(range(attemptId), 'prev');
			return cursor ? cursor.value.seq + 1 : 0;
		},
		async deleteAttempt(attemptId: string): Promise<void> {
			await db.delete('events', range(attemptId));
		}
	};
}

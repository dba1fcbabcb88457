import type { PatchbayDb } from './open-db.ts';
import type { SnapshotRecord } from './schema.ts';

/** Environment snapshots: a record and its packed files, always written and deleted together. */
export function snapshotsRepo(db: PatchbayDb) {
	return {
		get: (environmentId: string): Promise<SnapshotRecord | undefined> =>
			db.get('snapshots', environmentId),
		async data(environmentId: string): Promise<Uint8Array | undefined> {
			return (await db.get('snapshotData', environmentId))?.data;
		},
		/** Oldest first. */
		all: (): Promise<SnapshotRecord[]> => db.getAllFromIndex('snapshots', 'byCreated'),
		async put(record: SnapshotRecord, data: Uint8Array): Promise<void> {
			const tx = db.transaction(['snapshots', 'snapshotData'], 'readwrite');
			await Promise.all([
				tx.objectStore('snapshots').put(record),
				tx.objectStore('snapshotData').put({ environmentId: record.environmentId, data }),
				tx.done
			]);
		},
		async delete(environmentId: string): Promise<void> {
			const tx = db.transaction(['snapshots', 'snapshotData'], 'readwrite');
			await Promise.all([
				tx.objectStore('snapshots').delete(environmentId),
				tx.objectStore('snapshotData').delete(environmentId),
				tx.done
			]);
		}
	};
}

export type SnapshotsRepo = ReturnType<typeof snapshotsRepo>;

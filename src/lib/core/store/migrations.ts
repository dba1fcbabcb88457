// Schema migrations, one per database version. Migration N turns a version N-1 database into
// version N; opening runs every migration above the stored version, in order, in one upgrade.
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { PatchbaySchema } from './schema.ts';

export type Migration = (
	db: IDBPDatabase<PatchbaySchema>,
	tx: IDBPTransaction<PatchbaySchema, StoreNames<PatchbaySchema>[], 'versionchange'>
) => void | Promise<void>;

export const migrations: Migration[] = [
	// v1: the first schema.
	(db) => {
		db.createObjectStore('settings', { keyPath: 'id' });
		const environments = db.createObjectStore('environments', { keyPath: 'id' });
		environments.createIndex('byUpdated', 'updatedAt');
		const tasks = db.createObjectStore('tasks', { keyPath: 'id' });
		tasks.createIndex('byCreated', 'createdAt');
		tasks.createIndex('byEnvironment', 'environmentId');
		const attempts = db.createObjectStore('attempts', { keyPath: 'id' });
		attempts.createIndex('byTask', 'taskId');
		// Keyed by [attemptId, seq]: one attempt's log is a key range, read in order.
		db.createObjectStore('events', { keyPath: ['attemptId', 'seq'] });
	},
	// v2: environment snapshots; metadata and packed files apart, so a listing reads no files.
	(db) => {
		const snapshots = db.createObjectStore('snapshots', { keyPath: 'environmentId' });
		snapshots.createIndex('byCreated', 'createdAt');
		db.createObjectStore('snapshotData', { keyPath: 'environmentId' });
	}
];

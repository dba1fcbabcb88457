import type { PatchbayDb } from './open-db.ts';
import type { PatchbaySchema } from './schema.ts';

type RecordStore = 'environments' | 'tasks' | 'attempts';

/** Get, put, delete and list for a store of records keyed by `id`. */
export function recordsRepo<S extends RecordStore>(db: PatchbayDb, store: S) {
	type Value = PatchbaySchema[S]['value'];
	return {
		get: (id: string): Promise<Value | undefined> => db.get(store, id),
		put: async (record: Value): Promise<void> => {
			await db.put(store, record);
		},
		delete: (id: string): Promise<void> => db.delete(store, id),
		all: (): Promise<Value[]> => db.getAll(store)
	};
}

export function environmentsRepo(db: PatchbayDb) {
	return recordsRepo(db, 'environments');
}

export function tasksRepo(db: PatchbayDb) {
	const base = recordsRepo(db, 'tasks');
	return {
		...base,
		/** Newest first. */
		async newestFirst() {
			return (await db.getAllFromIndex('tasks', 'byCreated')).reverse();
		}
	};
}

export function attemptsRepo(db: PatchbayDb) {
	const base = recordsRepo(db, 'attempts');
	return {
		...base,
		async ofTask(taskId: string) {
			const list = await db.getAllFromIndex('attempts', 'byTask', taskId);
			return list.sort((a, b) => a.index - b.index);
		}
	};
}

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
		all: (): Promise<Value[]> => db.getAll(store),
		/**
		 * Read-modify-write in one readwrite transaction: IndexedDB runs those one at a time per
		 * store (across tabs too), so two writers never lose each other's change. Resolves with
		 * the record written, or undefined when there is none with this id.
		 */
		async update(id: string, change: (record: Value) => Value): Promise<Value | undefined> {
			const tx = db.transaction(store, 'readwrite');
			const current = (await tx.store.get(id)) as Value | undefined;
			const next = current && change(current);
			await Promise.all([next && tx.store.put(next), tx.done]);
			return next;
		}
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

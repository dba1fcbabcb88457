import { openDB, type IDBPDatabase } from 'idb';
import { migrations as defaultMigrations, type Migration } from './migrations.ts';
import { DB_NAME, type PatchbaySchema } from './schema.ts';

export type PatchbayDb = IDBPDatabase<PatchbaySchema>;

export type OpenOptions = {
	name?: string;
	/** For tests: a migration list other than the app's (its length is the version). */
	migrations?: Migration[];
};

/** Opens (creating or upgrading) the Patchbay database. */
export function openPatchbayDb(options: OpenOptions = {}): Promise<PatchbayDb> {
	const list = options.migrations ?? defaultMigrations;
	return openDB<PatchbaySchema>(options.name ?? DB_NAME, list.length, {
		async upgrade(db, oldVersion, newVersion, tx) {
			for (let version = oldVersion + 1; version <= (newVersion ?? list.length); version++) {
				await list[version - 1]?.(db, tx);
			}
		}
	});
}

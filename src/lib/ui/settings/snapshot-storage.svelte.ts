// Settings → Storage: the environment snapshots kept in this browser, and how much room
// Patchbay uses there.
import { environmentsRepo, snapshotsRepo, type SnapshotRecord } from '$lib/core/store';
import { appDb } from '../db';

export type SnapshotRow = SnapshotRecord & { environmentName: string };

export class SnapshotStorage {
	rows = $state.raw<SnapshotRow[]>([]);
	/** From navigator.storage.estimate(); null where the browser does not say. */
	usage = $state.raw<{ usage: number; quota: number } | null>(null);
	loaded = $state(false);
	now = $state(Date.now());

	async load(): Promise<void> {
		const db = await appDb();
		const environments = await environmentsRepo(db).all();
		const nameOf = (id: string) =>
			environments.find((e) => e.id === id)?.name ?? '(deleted environment)';
		const records = await snapshotsRepo(db).all();
		this.rows = records.map((r) => ({ ...r, environmentName: nameOf(r.environmentId) })).reverse();
		this.now = Date.now();
		this.usage = await estimate();
		this.loaded = true;
	}

	async clear(environmentId: string): Promise<void> {
		await snapshotsRepo(await appDb()).delete(environmentId);
		await this.load();
	}
}

async function estimate(): Promise<{ usage: number; quota: number } | null> {
	const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
	if (!storage?.estimate) return null;
	const { usage, quota } = await storage.estimate();
	return usage === undefined || quota === undefined ? null : { usage, quota };
}

// Environment snapshots over their store: find one that may replace setup, save a new one
// (evicting the oldest others once when storage is full), and what to tell the user.
import type { Sandbox, SandboxKind, TreeFile } from '../sandbox/index.ts';
import type { SnapshotRecord, SnapshotsRepo } from '../store/index.ts';
import { evictionOrder, judgeSnapshot, type SnapshotJudgement } from './freshness.ts';
import type { SnapshotKey } from './key.ts';
import { packFiles, unpackFiles } from './pack.ts';

export type SnapshotFound =
	| Exclude<SnapshotJudgement, { kind: 'fresh' }>
	| { kind: 'fresh'; record: SnapshotRecord; ageMs: number; files: TreeFile[] }
	/** Matched, but its files could not be read back: it was deleted. */
	| { kind: 'unreadable'; reason: string };

export type SnapshotSaved =
	| { ok: true; record: SnapshotRecord; evicted: string[] }
	| { ok: false; reason: string; evicted: string[] };

export interface EnvironmentSnapshots {
	find(key: SnapshotKey): Promise<SnapshotFound>;
	save(key: SnapshotKey, runtime: SandboxKind, files: readonly TreeFile[]): Promise<SnapshotSaved>;
}

export type SnapshotStoreOptions = {
	repo: Pick<SnapshotsRepo, 'get' | 'data' | 'all' | 'put' | 'delete'>;
	maxAgeMs: number;
	now?: () => number;
};

export function createEnvironmentSnapshots(options: SnapshotStoreOptions): EnvironmentSnapshots {
	const { repo } = options;
	const now = options.now ?? Date.now;
	return {
		async find(key) {
			const judged = judgeSnapshot(await repo.get(key.environmentId), key, now(), options.maxAgeMs);
			if (judged.kind !== 'fresh') return judged;
			try {
				const data = await repo.data(key.environmentId);
				if (!data) throw new Error('its files are missing');
				return { ...judged, files: unpackFiles(data) };
			} catch (error) {
				await repo.delete(key.environmentId);
				return { kind: 'unreadable', reason: errorText(error) };
			}
		},
		async save(key, runtime, files) {
			const data = packFiles(files);
			const record: SnapshotRecord = {
				...key,
				runtime,
				createdAt: now(),
				bytes: data.length,
				fileCount: files.length
			};
			// The environment's previous snapshot is being replaced: free its space first.
			await repo.delete(key.environmentId);
			try {
				await repo.put(record, data);
				return { ok: true, record, evicted: [] };
			} catch (error) {
				if (!isQuotaError(error)) return { ok: false, reason: errorText(error), evicted: [] };
			}
			const evicted = evictionOrder(await repo.all(), data.length, key.environmentId);
			for (const environmentId of evicted) await repo.delete(environmentId);
			try {
				await repo.put(record, data);
				return { ok: true, record, evicted };
			} catch (error) {
				return { ok: false, reason: errorText(error), evicted };
			}
		}
	};
}

/** Every file and symlink of the sandbox, dependencies included, ready to pack. */
export async function captureSandbox(sandbox: Sandbox): Promise<TreeFile[]> {
	const files: TreeFile[] = [];
	for (const entry of await sandbox.list()) {
		const data = await sandbox.readFile(entry.path);
		if (data) files.push({ path: entry.path, mode: entry.mode, data });
	}
	return files;
}

/** IndexedDB reports a full disk as a QuotaExceededError (a DOMException, or its name). */
export function isQuotaError(error: unknown): boolean {
	const named = error as { name?: string; code?: number } | null;
	return named?.name === 'QuotaExceededError' || named?.code === 22;
}

function errorText(error: unknown): string {
	return error instanceof Error ? error.message || error.name : String(error);
}

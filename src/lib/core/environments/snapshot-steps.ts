// The snapshot side of preparing an environment: look for a snapshot that may replace setup,
// and save one after a setup that ran. Neither ever fails the run; both say what happened.
import type { CheckedOut } from './prepare.ts';
import type { Sandbox, TreeFile } from '../sandbox/index.ts';
import {
	captureSandbox,
	formatAge,
	formatBytes,
	snapshotKey,
	type EnvironmentSnapshots,
	type SnapshotKey,
	type SnapshotSaved
} from '../snapshots/index.ts';
import type { EnvironmentRecord } from '../store/index.ts';

export type Restorable = { key: SnapshotKey; files: TreeFile[] | null; ageMs: number };

/** The snapshot's files when a fresh one matches, and the key a new one would be saved under. */
export async function findSnapshot(
	snapshots: EnvironmentSnapshots,
	environment: EnvironmentRecord,
	checkedOut: CheckedOut,
	sandbox: Sandbox,
	notice: (message: string) => void
): Promise<Restorable> {
	const key = await snapshotKey({
		environment,
		commit: checkedOut.baseline.commit,
		runtime: sandbox.kind
	});
	const found = await snapshots.find(key);
	switch (found.kind) {
		case 'fresh':
			return { key, files: found.files, ageMs: found.ageMs };
		case 'missing':
			break;
		case 'changed':
			notice(
				'The commit, setup script or variables changed since the environment snapshot: setup runs again.'
			);
			break;
		case 'expired':
			notice(
				`The environment snapshot is ${formatAge(found.ageMs)} old, past the maximum age in Settings: setup runs again.`
			);
			break;
		case 'unreadable':
			notice(`The environment snapshot could not be read (${found.reason}): setup runs again.`);
			break;
	}
	return { key, files: null, ageMs: 0 };
}

/** After a setup that succeeded: the sandbox's files, dependencies included, for next time. */
export async function saveSnapshot(
	snapshots: EnvironmentSnapshots,
	key: SnapshotKey,
	sandbox: Sandbox,
	notice: (message: string) => void
): Promise<void> {
	let saved: SnapshotSaved;
	try {
		saved = await snapshots.save(key, sandbox.kind, await captureSandbox(sandbox));
	} catch (error) {
		saved = {
			ok: false,
			reason: error instanceof Error ? error.message : String(error),
			evicted: []
		};
	}
	const evicted = saved.evicted.length
		? ` Storage was full: the snapshots of ${saved.evicted.length} other environment${saved.evicted.length === 1 ? '' : 's'} were removed.`
		: '';
	notice(
		saved.ok
			? `Saved an environment snapshot (${saved.record.fileCount} files, ${formatBytes(saved.record.bytes)}): the next task on this commit skips setup.${evicted}`
			: `Could not save the environment snapshot: ${saved.reason}.${evicted} The run goes on; the next task runs setup again. Free space in Settings → Storage.`
	);
}

export const fromSnapshotDetail = (ageMs: number) => `from snapshot, ${formatAge(ageMs)} old`;

export function offlineNote(checkedOut: CheckedOut, now = Date.now()): string | null {
	const offline = checkedOut.stats.offline;
	if (!offline) return null;
	const { commit, branch } = checkedOut.baseline;
	return `Could not reach ${offline.host}; using the cached commit ${commit.slice(0, 7)} of ${branch} from ${formatAge(now - offline.resolvedAt)} ago.`;
}

// Environment snapshots of a checked-out tree, as the app makes and mounts them: capture the Lite
// sandbox and pack it, put it in the app's IndexedDB store; then find it (read + unpack) and write
// it into a fresh Lite sandbox.
import { createLiteSandbox } from '../../src/lib/core/sandbox/index.ts';
import {
	captureSandbox,
	createEnvironmentSnapshots,
	packFiles,
	type EnvironmentSnapshots,
	type SnapshotKey
} from '../../src/lib/core/snapshots/index.ts';
import { openPatchbayDb, snapshotsRepo } from '../../src/lib/core/store/index.ts';
import { keptSandbox } from './checkout.ts';

const key: SnapshotKey = {
	environmentId: 'bench-snapshot',
	commit: '0'.repeat(40),
	configHash: '0'.repeat(64)
};
let snapshots: EnvironmentSnapshots | undefined;

async function store(): Promise<EnvironmentSnapshots> {
	const db = await openPatchbayDb({ name: 'patchbay-bench-snapshots' });
	snapshots ??= createEnvironmentSnapshots({ repo: snapshotsRepo(db), maxAgeMs: 3_600_000 });
	return snapshots;
}

/** Capture + pack the sandbox `timeSandboxReady` left, then save it as the app does. */
export async function timeSnapshotSave() {
	const sandbox = keptSandbox();
	const snaps = await store();
	const started = performance.now();
	const files = await captureSandbox(sandbox);
	const captured = performance.now();
	const packed = packFiles(files);
	const done = performance.now();
	// The app's save: packs again, then one IndexedDB write of the blob and its record.
	const saved = await snaps.save(key, 'lite', files);
	if (!saved.ok) throw new Error(`snapshot not saved: ${saved.reason}`);
	return {
		captureMs: captured - started,
		packMs: done - captured,
		ms: done - started,
		saveMs: performance.now() - done,
		bytes: packed.length,
		files: files.length
	};
}

/** The saved snapshot → a fresh Lite sandbox: find (IndexedDB read + unpack), then writeTree. */
export async function timeSnapshotMount() {
	const snaps = await store();
	const started = performance.now();
	const found = await snaps.find(key);
	if (found.kind !== 'fresh') throw new Error(`snapshot ${found.kind}`);
	const read = performance.now();
	const sandbox = createLiteSandbox({ root: '/work/bench-snapshot' });
	await sandbox.writeTree(found.files);
	const written = performance.now();
	return { findMs: read - started, writeMs: written - read, ms: written - started };
}

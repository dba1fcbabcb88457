// Change detection + patch on a generated tree in a Lite sandbox, the way an attempt's result is
// taken (`attemptChanges`): detection timed apart from patch formatting.
import { blobOid, detectChanges, diffStats, formatPatch } from '../../src/lib/core/diff/index.ts';
import type { Baseline } from '../../src/lib/core/git/index.ts';
import { createLiteSandbox, type Sandbox } from '../../src/lib/core/sandbox/index.ts';
import {
	editedIndices,
	editFile,
	generateTree,
	type GeneratedFile,
	type TreeSize
} from '../fixture-tree.ts';

type Prepared = {
	files: GeneratedFile[];
	sandbox: Sandbox;
	baseline: Baseline;
	blobs: Map<string, Uint8Array>;
};

let prepared: Prepared | undefined;

/** Generates the tree, writes it into a fresh Lite sandbox and records its baseline (untimed). */
export async function prepareTree(size: TreeSize, seed: number) {
	prepared = undefined;
	const files = generateTree(size, seed);
	const sandbox = createLiteSandbox({ root: '/work/changes' });
	const blobs = new Map<string, Uint8Array>();
	const entries: Baseline['entries'] = [];
	for (const file of files) {
		const oid = await blobOid(file.bytes);
		blobs.set(oid, file.bytes);
		entries.push({ path: file.path, mode: '100644', oid, size: file.bytes.length });
	}
	// With their blob ids, as `baselineFiles` hands them to the sandbox in the app.
	await sandbox.writeTree(
		files.map((f, i) => ({ path: f.path, mode: '100644', data: f.bytes, oid: entries[i]!.oid }))
	);
	const baseline: Baseline = { commit: '', tree: '', branch: 'main', entries, skipped: [] };
	prepared = { files, sandbox, baseline, blobs };
	return { files: files.length };
}

export async function timeChanges(changed: number) {
	if (!prepared) throw new Error('prepare a tree first');
	const { files, sandbox, baseline, blobs } = prepared;
	const indices = editedIndices(files.length, changed);
	for (const index of indices) {
		const file = files[index]!;
		await sandbox.writeFile(file.path, editFile(file.bytes, index));
	}
	const reader = {
		list: () => sandbox.list('', { skipDirs: ['.git', 'node_modules'] }),
		read: async (path: string) => (await sandbox.readFile(path)) ?? new Uint8Array()
	};
	const readBaseline = async (oid: string) => blobs.get(oid) ?? new Uint8Array();
	const started = performance.now();
	const changes = await detectChanges(baseline, reader, readBaseline);
	const detected = performance.now();
	const patch = formatPatch(changes);
	diffStats(changes);
	const formatted = performance.now();
	// How much of detection is the sandbox's own listing (timed apart, after the run).
	const listStarted = performance.now();
	await reader.list();
	const listMs = performance.now() - listStarted;
	for (const index of indices) await sandbox.writeFile(files[index]!.path, files[index]!.bytes);
	if (changes.length !== indices.length) {
		throw new Error(`expected ${indices.length} changes, detected ${changes.length}`);
	}
	return {
		detectMs: detected - started,
		patchMs: formatted - detected,
		ms: formatted - started,
		listMs,
		changes: changes.length,
		patchBytes: patch.length
	};
}

export function dropTree() {
	prepared = undefined;
}

// The local side of a checkout: where a repository's objects live, and the baseline's files read
// back from them. Which way a branch is checked out is the forge's (core/forge checkout.ts).
import type { Baseline, BlobMode } from './baseline.ts';
import { readBlob, type ObjectStore } from './object-store.ts';
import { inPool } from './pool.ts';
import type { RepoRef } from './repo-ref.ts';

/** Where a repository's objects live in the local file system. */
export function gitdirFor(ref: RepoRef): string {
	const id =
		ref.kind === 'github'
			? `${new URL(ref.apiBase).host}/${ref.owner}/${ref.repo}`
			: ref.url.replace(/^https?:\/\//, '');
	return `/repos/${id.replace(/[^A-Za-z0-9._/-]/g, '_')}.git`;
}

/**
 * The baseline's files, ready for `Sandbox.writeTree`: those in `known` (blob id → bytes, kept
 * as the checkout fetched them) as they are, the rest read from the object store.
 */
export async function baselineFiles(
	store: ObjectStore,
	baseline: Baseline,
	known: ReadonlyMap<string, Uint8Array> = new Map()
) {
	const files: TreeFile[] = new Array(baseline.entries.length);
	const toRead: number[] = [];
	baseline.entries.forEach((entry, i) => {
		const data = known.get(entry.oid);
		if (data) files[i] = { path: entry.path, mode: entry.mode, oid: entry.oid, data };
		else toRead.push(i);
	});
	// Several reads in flight: each is a chain of small async file system steps, so they overlap.
	await inPool(toRead, BLOB_READS_IN_FLIGHT, async (i) => {
		const entry = baseline.entries[i]!;
		const data = await readBlob(store, entry.oid);
		files[i] = { path: entry.path, mode: entry.mode, oid: entry.oid, data };
	});
	return files;
}

const BLOB_READS_IN_FLIGHT = 16;

type TreeFile = { path: string; mode: BlobMode; oid: string; data: Uint8Array };

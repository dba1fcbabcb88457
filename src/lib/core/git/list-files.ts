// What a setup proposal needs of a repository: its listing and a few named files, without the
// checkout of every file (GitHub's REST path: a few requests instead of one per file).
import type { Baseline, CheckoutStats } from './baseline.ts';
import { DEFAULT_MAX_FILE_BYTES } from './baseline.ts';
import { checkout, gitdirFor, readerFor, type CheckoutOptions } from './checkout.ts';
import { baselineOf, fetchVerified, listCommit, resolveBranchOrKnown } from './github-listing.ts';
import { hasObject, loadBaseline, openObjectStore, readBlob } from './object-store.ts';

export type ListedFiles = {
	/** The baseline the listing gives (on GitHub, its files not yet all fetched). */
	baseline: Baseline;
	/** The files asked for that the listing holds, by path, checked against their blob ids. */
	files: Map<string, Uint8Array>;
	/** True when the whole checkout is done already (smart HTTP: one pack is the listing). */
	checkedOut: boolean;
};

export type ListFilesOptions = CheckoutOptions & {
	/** The paths to read, picked from the listing's paths. */
	paths: (list: string[]) => string[];
};

export async function listWithFiles(options: ListFilesOptions): Promise<ListedFiles> {
	const { ref, branch } = options;
	if (ref.kind !== 'github') {
		// A shallow smart-HTTP fetch is one pack whatever is asked for: the listing is the checkout.
		const result = await checkout(options);
		const files = await readPaths(result.baseline, options.paths, (oid) =>
			readBlob(result.store, oid)
		);
		return { baseline: result.baseline, files, checkedOut: true };
	}
	const store = await openObjectStore(options.fs, gitdirFor(ref));
	const reader = readerFor(options);
	const stats: CheckoutStats = { requests: 0, filesFetched: 0, bytesFetched: 0, fromCache: false };
	const listingOptions = {
		ref,
		branch,
		store,
		reader,
		maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
	};
	const commit = await resolveBranchOrKnown(listingOptions, stats);
	// A commit checked out before has its baseline saved: no listing request then.
	const saved = await loadBaseline(store, commit);
	const baseline = saved
		? { ...saved, branch }
		: baselineOf(commit, branch, await listCommit(listingOptions, commit, stats));
	const files = await readPaths(baseline, options.paths, async (oid, entry) =>
		(await hasObject(store, oid))
			? readBlob(store, oid)
			: fetchVerified(ref, reader, commit, entry, stats)
	);
	return { baseline, files, checkedOut: false };
}

async function readPaths(
	baseline: Baseline,
	paths: ListFilesOptions['paths'],
	read: (oid: string, entry: Baseline['entries'][number]) => Promise<Uint8Array>
): Promise<Map<string, Uint8Array>> {
	const byPath = new Map(baseline.entries.map((entry) => [entry.path, entry]));
	const wanted = paths(baseline.entries.map((entry) => entry.path));
	const found = await Promise.all(
		wanted.flatMap((path) => {
			const entry = byPath.get(path);
			return entry ? [read(entry.oid, entry).then((bytes) => [path, bytes] as const)] : [];
		})
	);
	return new Map(found);
}

// Checkout of a GitHub repository through its REST API: the commit's tree listing, then each
// missing file's bytes from raw content (or git/blobs), written into the local object store.
// github.com's git endpoint sends no CORS headers; the API and raw content do.
import { AppError } from '../../http/index.ts';
import type {
	Baseline,
	BaselineEntry,
	CheckoutProgress,
	CheckoutStats
} from '../../git/baseline.ts';
import type { GitHubReader } from './reader.ts';
import {
	baselineOf,
	fetchVerified,
	listCommit,
	resolveBranchOrKnown,
	type GitHubRef
} from './tree-listing.ts';
import {
	buildTrees,
	listObjects,
	loadBaseline,
	readBlob,
	saveBaseline,
	withCommitInfo,
	type ObjectStore
} from '../../git/object-store.ts';
import { fetchBatch, graphqlBatches } from './graphql.ts';
import { createPackWriter } from '../../git/pack-writer.ts';
import { inPool } from '../../git/pool.ts';

export { rawBase } from './tree-listing.ts';

/**
 * Raw content requests in flight at once. raw.githubusercontent.com speaks HTTP/2, so these
 * share one connection and are not held to the browser's 6 connections per host of HTTP/1.1;
 * more in flight hides more of each request's round trip, and 64 stays under the 100 streams
 * an HTTP/2 server commonly allows. On the bench's HTTP/2 stand-in (loaded machine), 3,000
 * files took 9.8, 10.0, 15.0 s at 64 against 12.8, 11.9, 18.7 s at 16, alternating; 6 was
 * slowest; 300 files measured 16 and 64 the same. Over HTTP/1.1 (a GitHub Enterprise host)
 * the browser queues the rest, harmlessly.
 */
export const RAW_REQUESTS_IN_FLIGHT = 64;

/** GraphQL batches in flight at once: each is a large answer, and GitHub counts concurrent ones. */
export const GRAPHQL_REQUESTS_IN_FLIGHT = 4;

export type SnapshotOptions = {
	ref: GitHubRef;
	branch: string;
	store: ObjectStore;
	reader: GitHubReader;
	maxFileBytes: number;
	onProgress?: (progress: CheckoutProgress) => void;
	concurrency?: number;
	/**
	 * Text files' contents through GraphQL, many a request (graphql.ts); by default when
	 * the reader has a token, since GraphQL answers no one without.
	 */
	batched?: boolean;
	/**
	 * Told the baseline the checkout will give (every file still to be checked against it) as
	 * soon as the tree is listed, before any file is fetched: a caller can start on it.
	 */
	onListed?: (baseline: Baseline) => void;
	/** Paths (picked from the listing) fetched before all others. */
	first?: (paths: string[]) => string[];
	/**
	 * Each file's bytes once checked against its blob id, as it arrives; the `first` files' also
	 * when the store already held them. A caller keeps them instead of reading them back.
	 */
	onFile?: (entry: BaselineEntry, bytes: Uint8Array) => void;
};

export async function snapshotFromGitHub(
	options: SnapshotOptions
): Promise<{ baseline: Baseline; stats: CheckoutStats }> {
	// When GitHub asks to slow down, the progress line says so where it stands, until the wait is
	// over (requests already under way still finish meanwhile); the requests wait and retry
	// (reader.ts), and what was fetched stays fetched.
	let last: CheckoutProgress | undefined;
	const onProgress = (progress: CheckoutProgress) => {
		last = progress;
		const waitMs = options.reader.pausedFor();
		options.onProgress?.(
			waitMs > 0 ? { ...progress, message: slowDownMessage(waitMs, progress) } : progress
		);
	};
	const stopWatching = options.reader.onSlowDown((waitMs) => {
		if (last) options.onProgress?.({ ...last, message: slowDownMessage(waitMs, last) });
	});
	try {
		return await snapshotSteps({ ...options, onProgress });
	} finally {
		stopWatching();
	}
}

/** "GitHub asked to slow down; retrying in 3 s — 1,204 of 3,000 files" */
export function slowDownMessage(waitMs: number, at: CheckoutProgress): string {
	const wait = `GitHub asked to slow down; retrying in ${Math.ceil(waitMs / 1000)} s`;
	if (at.phase !== 'fetching') return wait;
	const count = (n: number) => n.toLocaleString('en-US');
	return `${wait} — ${count(at.loaded)} of ${count(at.total)} files`;
}

/**
 * Said before the files are fetched, so a big repository's cost is known before it is paid:
 * "Fetching 3,000 files: 3,002 requests to GitHub in all". Raw content is one request a file
 * (and not counted against the API's 5,000 an hour; a file raw content gets wrong costs one API
 * request more); through GraphQL, one a batch, and a binary file (known only once its batch
 * answers) one more; the listing took the rest.
 */
export function requestCountMessage(
	files: number,
	requests: number,
	madeSoFar: number,
	batched = false
): string {
	const count = (n: number) => n.toLocaleString('en-US');
	const binary = batched ? ', and one more a binary file' : '';
	return `Fetching ${count(files)} file${files === 1 ? '' : 's'}: ${count(requests + madeSoFar)} requests to GitHub in all${binary}`;
}

/**
 * The batches through GraphQL, a few requests in flight; each file is handed to `accept` as its
 * batch arrives. Returns the files left for raw content: binary ones, any GraphQL could not give
 * or got wrong, and whole batches whose request failed (raw content may still answer them).
 */
async function fetchBatched(
	options: SnapshotOptions,
	commit: string,
	batches: BaselineEntry[][],
	stats: CheckoutStats,
	accept: (entry: BaselineEntry, bytes: Uint8Array) => void
): Promise<BaselineEntry[]> {
	const left: BaselineEntry[] = [];
	await inPool(batches, GRAPHQL_REQUESTS_IN_FLIGHT, async (batch) => {
		let found = new Map<string, Uint8Array>();
		try {
			found = await fetchBatch(options.ref, options.reader, commit, batch, stats);
		} catch (error) {
			if ((error as Error)?.name === 'AbortError') throw error; // cancelled: no raw retry
		}
		for (const entry of batch) {
			const bytes = found.get(entry.oid);
			if (bytes) accept(entry, bytes);
			else left.push(entry);
		}
	});
	return left;
}

async function snapshotSteps(
	options: SnapshotOptions
): Promise<{ baseline: Baseline; stats: CheckoutStats }> {
	const { ref, branch, store, reader } = options;
	const stats: CheckoutStats = { requests: 0, filesFetched: 0, bytesFetched: 0, fromCache: false };
	const report = (p: Omit<CheckoutProgress, 'bytes'>) =>
		options.onProgress?.({ ...p, bytes: stats.bytesFetched });

	report({ phase: 'resolving', loaded: 0, total: 1, message: `Resolving ${branch}` });
	// Which objects the store holds, listed once (pack indexes and loose folders) while the
	// branch resolves, instead of asked file by file.
	const listingObjects = listObjects(store);
	listingObjects.catch(() => {}); // awaited below
	const resolved = await resolveBranchOrKnown(options, stats);
	const { commit } = resolved;
	const cached = await loadBaseline(store, commit);
	let present = await listingObjects;
	if (cached && cached.entries.every((entry) => present.has(entry.oid))) {
		stats.fromCache = true;
		report({ phase: 'done', loaded: cached.entries.length, total: cached.entries.length });
		const saved = await withCommitInfo(store, cached, resolved.commitInfo);
		return { baseline: { ...saved, branch }, stats };
	}

	report({ phase: 'listing', loaded: 0, total: 0, message: 'Listing files' });
	const listing = await listCommit(options, commit, stats);
	const { entries, skipped } = listing;
	const commitInfo = resolved.commitInfo();
	options.onListed?.(baselineOf(commit, branch, listing, commitInfo));
	const first = new Set(options.first?.(entries.map((entry) => entry.path)) ?? []);
	const missing = entries.filter((entry) => !present.has(entry.oid));
	// The files asked for first go to the front of the queue; those already held are read now.
	missing.sort((a, b) => Number(first.has(b.path)) - Number(first.has(a.path)));
	for (const entry of entries)
		if (first.has(entry.path) && present.has(entry.oid))
			options.onFile?.(entry, await readBlob(store, entry.oid));
	present = new Set(); // not needed any more; can be large

	let done = 0;
	const batches = (options.batched ?? reader.hasToken) ? graphqlBatches(missing) : null;
	report({
		phase: 'fetching',
		loaded: 0,
		total: missing.length,
		message: batches
			? requestCountMessage(missing.length, batches.length, stats.requests, true)
			: requestCountMessage(missing.length, missing.length, stats.requests)
	});
	// The fetched blobs, and then the trees, go into packfiles: a few IndexedDB writes in all
	// instead of one per object. Adding a blob is a copy and a checksum (stored, not compressed).
	const packs = createPackWriter(store);
	const accept = (entry: BaselineEntry, bytes: Uint8Array) => {
		void packs.add(entry.oid, bytes); // packs fill and are written in the background; close() waits
		stats.filesFetched++;
		options.onFile?.(entry, bytes);
		done++;
		report({ phase: 'fetching', loaded: done, total: missing.length, message: entry.path });
	};
	try {
		const viaRaw = batches ? await fetchBatched(options, commit, batches, stats, accept) : missing;
		await inPool(viaRaw, options.concurrency ?? RAW_REQUESTS_IN_FLIGHT, async (entry) => {
			accept(entry, await fetchVerified(ref, reader, commit, entry, stats));
		});
	} catch (error) {
		// The blobs already verified are kept for the next attempt.
		await packs.close().catch(() => {});
		throw error;
	}

	report({ phase: 'verifying', loaded: 0, total: 1, message: 'Checking the tree against GitHub' });
	const { root: tree, trees } = buildTrees([
		...entries,
		...skipped.map((s) => ({ ...s, mode: s.reason === 'submodule' ? '160000' : s.mode }))
	]);
	if (tree === listing.sha) for (const t of trees) void packs.add(t.oid, t.bytes, 'tree');
	await packs.close();
	if (tree !== listing.sha) {
		throw new AppError(
			'snapshot-mismatch',
			`The files fetched do not add up to GitHub's tree (${tree.slice(0, 7)} ≠ ${listing.sha.slice(0, 7)}).`,
			'Try again; if it persists, the repository may have changed during the checkout.'
		);
	}
	const baseline = baselineOf(commit, branch, listing, commitInfo);
	await saveBaseline(store, baseline);
	report({ phase: 'done', loaded: entries.length, total: entries.length });
	return { baseline, stats };
}

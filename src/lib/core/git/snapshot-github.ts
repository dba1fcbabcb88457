// Checkout of a GitHub repository through its REST API: the commit's tree listing, then each
// missing file's bytes from raw content (or git/blobs), written into the local object store.
// github.com's git endpoint sends no CORS headers; the API and raw content do.
import { AppError, hostOf } from '../http/index.ts';
import type {
	Baseline,
	BaselineEntry,
	BlobMode,
	CheckoutProgress,
	CheckoutStats,
	SkippedEntry
} from './baseline.ts';
import { knownBranchHead, rememberBranchHead } from './branch-heads.ts';
import { HttpStatusError, type GitHubReader } from './github-reader.ts';
import { lookupGitHubRepo } from './lookup.ts';
import { hashBlob } from '../diff/index.ts';
import {
	buildTrees,
	listObjects,
	loadBaseline,
	saveBaseline,
	type ObjectStore
} from './object-store.ts';
import { createPackWriter, type PackWriter } from './pack-writer.ts';
import { inPool } from './pool.ts';
import type { RepoRef } from './repo-ref.ts';

type GitHubRef = Extract<RepoRef, { kind: 'github' }>;

/**
 * Raw content requests in flight at once. raw.githubusercontent.com speaks HTTP/2, so these
 * share one connection and are not held to the browser's 6 connections per host of HTTP/1.1;
 * more in flight hides more of each request's round trip. Over HTTP/1.1 (a GitHub Enterprise
 * host, the local bench) the browser queues the rest, harmlessly: on the bench 6, 8, 16 and
 * 32 measured the same (300 files: 964, 985, 985, 1,036 ms, within the noise).
 */
export const RAW_REQUESTS_IN_FLIGHT = 16;
type TreeItem = {
	path: string;
	mode: string;
	type: 'blob' | 'tree' | 'commit';
	sha: string;
	size?: number;
};
type TreeResponse = { sha: string; tree: TreeItem[]; truncated: boolean };

export type SnapshotOptions = {
	ref: GitHubRef;
	branch: string;
	store: ObjectStore;
	reader: GitHubReader;
	maxFileBytes: number;
	onProgress?: (progress: CheckoutProgress) => void;
	concurrency?: number;
};

export async function snapshotFromGitHub(
	options: SnapshotOptions
): Promise<{ baseline: Baseline; stats: CheckoutStats }> {
	// When GitHub asks to slow down, the progress line says so where it stands, until the wait is
	// over (requests already under way still finish meanwhile); the requests wait and retry
	// (github-reader.ts), and what was fetched stays fetched.
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

async function snapshotSteps(
	options: SnapshotOptions
): Promise<{ baseline: Baseline; stats: CheckoutStats }> {
	const { ref, branch, store, reader } = options;
	const stats: CheckoutStats = { requests: 0, filesFetched: 0, bytesFetched: 0, fromCache: false };
	const report = (p: Omit<CheckoutProgress, 'bytes'>) =>
		options.onProgress?.({ ...p, bytes: stats.bytesFetched });
	const repoPath = `/repos/${ref.owner}/${ref.repo}`;

	report({ phase: 'resolving', loaded: 0, total: 1, message: `Resolving ${branch}` });
	// Which objects the store holds, listed once (pack indexes and loose folders) while the
	// branch resolves, instead of asked file by file.
	const listingObjects = listObjects(store);
	listingObjects.catch(() => {}); // awaited below
	const commit = await resolveBranchOrKnown(options, repoPath, stats);
	const cached = await loadBaseline(store, commit);
	let present = await listingObjects;
	if (cached && cached.entries.every((entry) => present.has(entry.oid))) {
		stats.fromCache = true;
		report({ phase: 'done', loaded: cached.entries.length, total: cached.entries.length });
		return { baseline: { ...cached, branch }, stats };
	}

	report({ phase: 'listing', loaded: 0, total: 0, message: 'Listing files' });
	const listing = await listTree(reader, repoPath, commit, stats);
	const { entries, skipped } = classify(listing.items, options.maxFileBytes);
	const missing = entries.filter((entry) => !present.has(entry.oid));
	present = new Set(); // not needed any more; can be large

	let done = 0;
	report({ phase: 'fetching', loaded: 0, total: missing.length });
	// The fetched blobs, and then the trees, go into packfiles: a few IndexedDB writes in all
	// instead of one per object. Each blob is deflated while the next requests are under way.
	const packs = createPackWriter(store);
	try {
		await inPool(missing, options.concurrency ?? RAW_REQUESTS_IN_FLIGHT, async (entry) => {
			await fetchFile(options, commit, entry, stats, packs);
			done++;
			report({ phase: 'fetching', loaded: done, total: missing.length, message: entry.path });
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
	const baseline: Baseline = {
		commit,
		tree,
		branch,
		entries,
		skipped: skipped.map(({ mode: _m, ...s }) => s)
	};
	await saveBaseline(store, baseline);
	report({ phase: 'done', loaded: entries.length, total: entries.length });
	return { baseline, stats };
}

/** The branch's commit from GitHub; its last known commit when GitHub cannot be reached. */
async function resolveBranchOrKnown(
	options: SnapshotOptions,
	repoPath: string,
	stats: CheckoutStats
): Promise<string> {
	try {
		const commit = await resolveBranch(options, repoPath, stats);
		await rememberBranchHead(options.store, options.branch, commit);
		return commit;
	} catch (error) {
		const known =
			error instanceof AppError && error.code === 'unreachable'
				? await knownBranchHead(options.store, options.branch)
				: null;
		if (!known) throw error;
		stats.offline = { host: hostOf(options.reader.apiBase), resolvedAt: known.resolvedAt };
		return known.commit;
	}
}

async function resolveBranch(
	options: SnapshotOptions,
	repoPath: string,
	stats: CheckoutStats
): Promise<string> {
	const { reader, ref, branch } = options;
	try {
		stats.requests++;
		const found = await reader.json<{ object: { sha: string; type: string } }>(
			`${repoPath}/git/ref/heads/${encodeURIComponent(branch)}`
		);
		return found.object.sha;
	} catch (error) {
		if (!(error instanceof HttpStatusError && error.status === 404)) throw error;
	}
	// 404 either way: say whether the repository or the branch is missing.
	const info = await lookupGitHubRepo(ref, reader);
	throw new AppError(
		'branch-not-found',
		`Branch "${branch}" does not exist in ${ref.owner}/${ref.repo}.`,
		`Pick one of: ${info.branches.slice(0, 10).join(', ')}${info.branches.length > 10 ? ', …' : ''}.`
	);
}

async function listTree(
	reader: GitHubReader,
	repoPath: string,
	commit: string,
	stats: CheckoutStats
) {
	stats.requests++;
	const top = await reader.json<TreeResponse>(`${repoPath}/git/trees/${commit}?recursive=1`);
	if (!top.truncated) return { sha: top.sha, items: top.tree };
	// Too big for one answer: walk the folders one listing at a time.
	const items: TreeItem[] = [];
	async function walk(sha: string, prefix: string): Promise<void> {
		stats.requests++;
		const level = await reader.json<TreeResponse>(`${repoPath}/git/trees/${sha}`);
		const subtrees: Promise<void>[] = [];
		for (const item of level.tree) {
			const path = prefix ? `${prefix}/${item.path}` : item.path;
			if (item.type === 'tree') subtrees.push(walk(item.sha, path));
			else items.push({ ...item, path });
		}
		await Promise.all(subtrees);
	}
	await walk(top.sha, '');
	return { sha: top.sha, items };
}

function classify(items: TreeItem[], maxFileBytes: number) {
	const entries: BaselineEntry[] = [];
	const skipped: (SkippedEntry & { mode: string })[] = [];
	for (const item of items) {
		if (item.type === 'tree') continue;
		if (item.type === 'commit')
			skipped.push({ path: item.path, oid: item.sha, reason: 'submodule', mode: '160000' });
		else if ((item.size ?? 0) > maxFileBytes)
			skipped.push({
				path: item.path,
				oid: item.sha,
				reason: 'too-large',
				size: item.size,
				mode: item.mode
			});
		else
			entries.push({
				path: item.path,
				mode: item.mode as BlobMode,
				oid: item.sha,
				size: item.size
			});
	}
	entries.sort((a, b) => (a.path < b.path ? -1 : 1));
	return { entries, skipped };
}

/** Raw content first (cheap, no API quota); the blobs API when raw fails or disagrees. */
async function fetchFile(
	options: SnapshotOptions,
	commit: string,
	entry: BaselineEntry,
	stats: CheckoutStats,
	packs: PackWriter
) {
	const { ref, reader } = options;
	const rawUrl = `${rawBase(ref)}/${ref.owner}/${ref.repo}/${commit}/${entry.path.split('/').map(encodeURIComponent).join('/')}`;
	for (const source of ['raw', 'blob'] as const) {
		let bytes: Uint8Array;
		try {
			stats.requests++;
			bytes =
				source === 'raw'
					? await reader.bytes(rawUrl, '*/*')
					: await reader.bytes(
							`${reader.apiBase}/repos/${ref.owner}/${ref.repo}/git/blobs/${entry.oid}`
						);
		} catch (error) {
			if (source === 'blob') throw error;
			continue;
		}
		stats.bytesFetched += bytes.length;
		if ((await hashBlob(bytes)) === entry.oid) {
			void packs.add(entry.oid, bytes); // deflated in the background; close() waits
			stats.filesFetched++;
			return;
		}
	}
	throw new AppError(
		'snapshot-mismatch',
		`The bytes GitHub sent for ${entry.path} do not match its hash.`,
		'Try again.'
	);
}

/** raw.githubusercontent.com for github.com; `<host>/raw` on GitHub Enterprise (and the test peer). */
export function rawBase(ref: GitHubRef): string {
	const api = new URL(ref.apiBase);
	return api.hostname === 'api.github.com'
		? 'https://raw.githubusercontent.com'
		: `${api.origin}/raw`;
}

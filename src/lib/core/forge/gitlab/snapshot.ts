// Checkout of a GitLab project through API v4, which answers browsers from any origin (its
// smart-HTTP endpoint sends no CORS headers): the branch resolved to a commit, the commit's
// recursive tree listed page by page, and the blobs the store lacks fetched (fetch-files.ts):
// from the repository archive when there are many, started while the tree is still being listed,
// else from `blobs/:sha/raw`, a few in flight. Either way each file is hashed and taken only as
// the blob the tree names at its path. The subtrees are recomputed from the blobs and must be
// exactly the ones GitLab listed; the root tree is checked against the commit's `tree_id` where
// the host sends one (GitLab's documented commit shape has none, so there the root is checked
// through its blobs and subtrees). Blobs and trees go into packs in the same object store the
// GitHub REST path writes, and the baseline is saved per commit: a second checkout of the commit
// fetches nothing.
import type { Credentials } from '../../credentials/index.ts';
import type { Baseline, BaselineEntry, BlobMode, CheckoutStats } from '../../git/baseline.ts';
import {
	buildTrees,
	listObjects,
	loadBaseline,
	readBlob,
	saveBaseline,
	withCommitInfo
} from '../../git/object-store.ts';
import { createPackWriter } from '../../git/pack-writer.ts';
import type { ForgeSnapshotOptions } from '../types.ts';
import { gitLabMismatch as mismatch } from './fetch-blob.ts';
import { BLOB_REQUESTS_IN_FLIGHT, createFileFetcher, type FileFetcher } from './fetch-files.ts';
import { resolveGitLabBranch } from './resolve-branch.ts';
import { listGitLabTree, type GitLabTreeEntry } from './tree-listing.ts';
import type { ProjectApi } from './project-api.ts';

/**
 * How a checkout's missing files are fetched: GitLab's repository archive (raw requests only
 * for what it lacks or alters), or one raw request a file.
 */
export type GitLabFilesWay = 'archive' | 'raw';

/**
 * Which way, from `npm run bench -- forge-checkout` (bench/suites/forge-checkout.ts): cold, the
 * GitLab peer behind an HTTP/2 + TLS stand-in, Chromium, on a 2-core machine under a load of
 * 8–11, medians in ms (archive / tree + raw / git clone --depth 1):
 *   10 files 177 / 200 / 147;   30 files 171 / 395 / 200;   100 files 233 / 619 / 307;
 *   300 files 385 / 1,569 / 447;   3,000 files 3,711 / 14,270 / 2,072 (GitHub REST: 9,241).
 * Again at a load of 1–4, once packs held objects stored rather than deflated (zlib-stored.ts)
 * and the archive's files were packed during the listing:
 *   10 files 75 / 107 / 98;   30 files 84 / 194 / 87;   100 files 102 / 383 / 73;
 *   300 files 155 / 992 / 129;   3,000 files 727 / 8,772 / 692 (GitHub REST: 6,197);
 *   the same hour before those changes, 3,000 files 1,566 / 9,815 / 852 (REST: 7,105).
 * Warm, both ways ask only the branch (medians 44–150 ms). The archive wins from a few files on, and by
 * 4× at 3,000; only at 10 files are the two within noise. So the archive is taken once the
 * listing names more than two rounds of raw requests (16) of blobs the store lacks, those being
 * at least half the blobs listed (it holds every file, not only the lacking ones): it starts
 * then, beside the tree pages still to come. Fewer (a tiny repository, or a new commit of one
 * held already) go raw, which also spares gitlab.com's limit of 5 archive requests a minute per
 * user (a 429, like any archive that cannot be read, falls back to raw).
 */
export const ARCHIVE_FROM_FILES = 2 * BLOB_REQUESTS_IN_FLIGHT;

export type GitLabSnapshotContext = {
	api: ProjectApi;
	/** `group/sub/repo`, for messages. */
	project: string;
	credentials: Credentials;
	fetch?: typeof fetch;
	/** One way for every checkout (the bench measures each so); by default chosen as above. */
	way?: GitLabFilesWay;
};

const BLOB_MODES = new Set<string>(['100644', '100755', '120000']);

export async function snapshotFromGitLab(
	context: GitLabSnapshotContext,
	options: ForgeSnapshotOptions
): Promise<{ baseline: Baseline; stats: CheckoutStats }> {
	const { store, branch } = options;
	const stats: CheckoutStats = { requests: 0, filesFetched: 0, bytesFetched: 0, fromCache: false };
	const report = (p: {
		phase: 'resolving' | 'listing' | 'fetching' | 'verifying' | 'done';
		loaded: number;
		total: number;
		message?: string;
	}) => options.onProgress?.({ ...p, bytes: stats.bytesFetched });

	report({ phase: 'resolving', loaded: 0, total: 1, message: `Resolving ${branch}` });
	const listingObjects = listObjects(store);
	listingObjects.catch(() => {}); // awaited below
	const { commit, commitInfo } = await resolveGitLabBranch(
		context.api,
		context.project,
		store,
		branch,
		stats
	);
	const cached = await loadBaseline(store, commit);
	let present = await listingObjects;
	if (cached && cached.entries.every((entry) => present.has(entry.oid))) {
		stats.fromCache = true;
		report({ phase: 'done', loaded: cached.entries.length, total: cached.entries.length });
		const saved = await withCommitInfo(store, cached, () => commitInfo);
		return { baseline: { ...saved, branch }, stats };
	}

	// The tree API gives no sizes: a file over the limit is known once fetched (and verified, as
	// the tree needs its id), then kept out of the sandbox like GitHub's.
	const tooLarge = new Map<string, number>();
	const packs = createPackWriter(store);
	let done = 0;
	let total = 0;
	const fetcher = createFileFetcher(
		{ projectUrl: context.api.projectUrl, credentials: context.credentials, fetch: context.fetch },
		commit,
		options.signal,
		stats,
		(entry, bytes) => {
			if (bytes.length > options.maxFileBytes) tooLarge.set(entry.path, bytes.length);
			else {
				void packs.add(entry.oid, bytes);
				options.onFile?.(entry, bytes);
			}
			stats.filesFetched++;
			done++;
			report({ phase: 'fetching', loaded: done, total, message: entry.path });
		},
		// Archive files that come while the tree is still listed are packed meanwhile (under the
		// ids their bytes hash to), instead of all at once after the listing.
		(blob) => {
			if (blob.bytes.length <= options.maxFileBytes && !present.has(blob.oid))
				void packs.add(blob.oid, blob.bytes);
		}
	);
	if (context.way === 'archive') fetcher.startArchive();

	report({ phase: 'listing', loaded: 0, total: 0, message: 'Listing files' });
	let files: BaselineEntry[], submodules: GitLabTreeEntry[], listedTrees: string[];
	let first: Set<string>, missing: BaselineEntry[];
	try {
		const api = context.way ? context.api : startingArchive(context.api, present, fetcher);
		({ files, submodules, listedTrees } = sorted(await listGitLabTree(api, commit, stats)));
		first = new Set(options.first?.(files.map((f) => f.path)) ?? []);
		missing = files.filter((f) => !present.has(f.oid));
		for (const f of files)
			if (first.has(f.path) && present.has(f.oid))
				options.onFile?.(f, await readBlob(store, f.oid));
	} catch (error) {
		fetcher.cancel(); // an archive already streaming is let go
		throw error;
	}
	present = new Set(); // not needed any more; can be large

	total = missing.length;
	report({
		phase: 'fetching',
		loaded: done,
		total,
		message: fetchMessage(total, fetcher.archiveStarted)
	});
	// The commit's root tree is asked, and the folders built from the listing (their ids need no
	// file's bytes), while the files come.
	const askedRoot = context.api.commit(commit);
	askedRoot.catch(() => {}); // awaited below, once the files are in
	stats.requests++;
	const { root, trees } = buildTrees([
		...files,
		...submodules.map((s) => ({ path: s.path, mode: '160000', oid: s.id }))
	]);
	try {
		await fetcher.fetch(missing, first);
	} catch (error) {
		await packs.close().catch(() => {}); // the blobs already verified stay for the next attempt
		throw error;
	}

	report({ phase: 'verifying', loaded: 0, total: 1, message: 'Checking the tree against GitLab' });
	const expectedRoot = (await askedRoot).tree_id;
	const built = trees.map((t) => t.oid).filter((oid) => oid !== root);
	const sameTrees =
		built.length === listedTrees.length && sameSet(new Set(built), new Set(listedTrees));
	const rootOk = expectedRoot === undefined || expectedRoot === root;
	if (!sameTrees || !rootOk) {
		await packs.close(); // the blobs (verified each) stay for the next attempt
		throw mismatch(
			rootOk
				? `The files fetched do not add up to GitLab's folders for ${commit.slice(0, 7)}.`
				: `The files fetched do not add up to GitLab's tree (${root.slice(0, 7)} ≠ ${expectedRoot!.slice(0, 7)}).`
		);
	}
	const baseline: Baseline = {
		commit,
		tree: root,
		branch,
		...(commitInfo ? { commitInfo } : {}),
		entries: files.filter((f) => !tooLarge.has(f.path)),
		skipped: [
			...submodules.map((s) => ({ path: s.path, reason: 'submodule' as const, oid: s.id })),
			...files
				.filter((f) => tooLarge.has(f.path))
				.map((f) => ({
					path: f.path,
					reason: 'too-large' as const,
					size: tooLarge.get(f.path),
					oid: f.oid
				}))
		]
	};
	for (const t of trees) void packs.add(t.oid, t.bytes, 'tree');
	await packs.close(); // before the baseline: one saved means its objects are all stored
	await saveBaseline(store, baseline);
	report({ phase: 'done', loaded: files.length, total: files.length });
	return { baseline, stats };
}

/** The listing's files (sorted by path), submodules and folder ids. */
function sorted(listed: readonly GitLabTreeEntry[]) {
	const files: BaselineEntry[] = [];
	const submodules: GitLabTreeEntry[] = [];
	const listedTrees: string[] = [];
	for (const entry of listed) {
		if (entry.type === 'tree') listedTrees.push(entry.id);
		else if (entry.type === 'commit') submodules.push(entry);
		else if (BLOB_MODES.has(entry.mode))
			files.push({ path: entry.path, mode: entry.mode as BlobMode, oid: entry.id });
		else throw mismatch(`${entry.path} has a mode git does not give a file (${entry.mode}).`);
	}
	files.sort((a, b) => (a.path < b.path ? -1 : 1));
	return { files, submodules, listedTrees };
}

/**
 * `api` whose tree pages are watched: once they name more than ARCHIVE_FROM_FILES blobs the
 * store lacks, and those are at least half the blobs listed so far (the archive holds every
 * file, not only the lacking ones), the archive starts, beside the pages still to come.
 */
function startingArchive(api: ProjectApi, present: Set<string>, fetcher: FileFetcher): ProjectApi {
	let blobs = 0;
	let lacking = 0;
	return {
		...api,
		async treePage(path) {
			const page = await api.treePage(path);
			for (const entry of page.data) {
				if (entry.type !== 'blob') continue;
				blobs++;
				if (!present.has(entry.id)) lacking++;
			}
			if (lacking > ARCHIVE_FROM_FILES && lacking * 2 >= blobs) fetcher.startArchive();
			return page;
		}
	};
}

/** "Fetching 3,000 files from GitLab: one request each" (or "in one archive"). */
function fetchMessage(files: number, archive: boolean): string {
	const count = files.toLocaleString('en-US');
	const how = archive ? 'in one archive' : 'one request each';
	return `Fetching ${count} file${files === 1 ? '' : 's'} from GitLab: ${how}`;
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
	if (a.size !== b.size) return false;
	for (const x of a) if (!b.has(x)) return false;
	return true;
}

// Checkout of a GitLab project through API v4, which answers browsers from any origin (its
// smart-HTTP endpoint sends no CORS headers): the branch resolved to a commit, the commit's
// recursive tree listed page by page, then each blob the store lacks from `blobs/:sha/raw`, a
// few in flight, each hashed and refused unless it is the blob the tree names. The subtrees are
// recomputed from the blobs and must be exactly the ones GitLab listed; the root tree is checked
// against the commit's `tree_id` where the host sends one (GitLab's documented commit shape has
// none, so there the root is checked through its blobs and subtrees). Blobs and trees go into
// packs in the same object store the GitHub REST path writes, and the baseline is saved per
// commit: a second checkout of the commit fetches nothing.
import { credentialFor, type Credentials } from '../../credentials/index.ts';
import { hashBlob } from '../../diff/index.ts';
import { AppError, isAbortError } from '../../http/index.ts';
import type { Baseline, BaselineEntry, BlobMode, CheckoutStats } from '../../git/baseline.ts';
import {
	buildTrees,
	listObjects,
	loadBaseline,
	readBlob,
	saveBaseline
} from '../../git/object-store.ts';
import { createPackWriter } from '../../git/pack-writer.ts';
import { inPool } from '../../git/pool.ts';
import { ForgeHttpError } from '../rest-client.ts';
import type { ForgeSnapshotOptions } from '../types.ts';
import { resolveGitLabBranch } from './resolve-branch.ts';
import { listGitLabTree, type GitLabTreeEntry } from './tree-listing.ts';
import type { ProjectApi } from './project-api.ts';

/** Raw blob requests in flight at once (gitlab.com speaks HTTP/2; self-managed hosts may not). */
export const BLOB_REQUESTS_IN_FLIGHT = 8;

export type GitLabSnapshotContext = {
	api: ProjectApi;
	/** `group/sub/repo`, for messages. */
	project: string;
	credentials: Credentials;
	fetch?: typeof fetch;
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
	const commit = await resolveGitLabBranch(context.api, context.project, store, branch, stats);
	const cached = await loadBaseline(store, commit);
	let present = await listingObjects;
	if (cached && cached.entries.every((entry) => present.has(entry.oid))) {
		stats.fromCache = true;
		report({ phase: 'done', loaded: cached.entries.length, total: cached.entries.length });
		return { baseline: { ...cached, branch }, stats };
	}

	report({ phase: 'listing', loaded: 0, total: 0, message: 'Listing files' });
	const listed = await listGitLabTree(context.api, commit, stats);
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

	const first = new Set(options.first?.(files.map((f) => f.path)) ?? []);
	const missing = files.filter((f) => !present.has(f.oid));
	missing.sort((a, b) => Number(first.has(b.path)) - Number(first.has(a.path)));
	for (const f of files)
		if (first.has(f.path) && present.has(f.oid)) options.onFile?.(f, await readBlob(store, f.oid));
	present = new Set(); // not needed any more; can be large

	// The tree API gives no sizes: a file over the limit is known once fetched (and verified, as
	// the tree needs its id), then kept out of the sandbox like GitHub's.
	const tooLarge = new Map<string, number>();
	const packs = createPackWriter(store);
	let done = 0;
	report({
		phase: 'fetching',
		loaded: 0,
		total: missing.length,
		message: fetchMessage(missing.length)
	});
	try {
		await inPool(missing, BLOB_REQUESTS_IN_FLIGHT, async (entry) => {
			const bytes = await fetchBlob(context, entry, options.signal, stats);
			if (bytes.length > options.maxFileBytes) tooLarge.set(entry.path, bytes.length);
			else {
				void packs.add(entry.oid, bytes);
				options.onFile?.(entry, bytes);
			}
			stats.filesFetched++;
			done++;
			report({ phase: 'fetching', loaded: done, total: missing.length, message: entry.path });
		});
	} catch (error) {
		await packs.close().catch(() => {}); // the blobs already verified stay for the next attempt
		throw error;
	}

	report({ phase: 'verifying', loaded: 0, total: 1, message: 'Checking the tree against GitLab' });
	const { root, trees } = buildTrees([
		...files,
		...submodules.map((s) => ({ path: s.path, mode: '160000', oid: s.id }))
	]);
	const expectedRoot = (await context.api.commit(commit)).tree_id;
	stats.requests++;
	const built = trees.map((t) => t.oid).filter((oid) => oid !== root);
	const sameTrees =
		built.length === listedTrees.length && sameSet(new Set(built), new Set(listedTrees));
	const rootOk = expectedRoot === undefined || expectedRoot === root;
	if (sameTrees && rootOk) for (const t of trees) void packs.add(t.oid, t.bytes, 'tree');
	await packs.close();
	if (!sameTrees || !rootOk) {
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
	await saveBaseline(store, baseline);
	report({ phase: 'done', loaded: files.length, total: files.length });
	return { baseline, stats };
}

/** "Fetching 3,000 files from GitLab: one request each" */
function fetchMessage(files: number): string {
	const count = files.toLocaleString('en-US');
	return `Fetching ${count} file${files === 1 ? '' : 's'} from GitLab: one request each`;
}

/** One blob's bytes, refused unless they hash to its id. */
async function fetchBlob(
	context: GitLabSnapshotContext,
	entry: BaselineEntry,
	signal: AbortSignal | undefined,
	stats: CheckoutStats
): Promise<Uint8Array> {
	const url = `${context.api.projectUrl}/repository/blobs/${entry.oid}/raw`;
	// The token reaches only the host Settings saved it for, as for every other request.
	const credential = credentialFor(url, context.credentials, { use: 'git' });
	const headers: Record<string, string> = {};
	if (credential) headers.Authorization = `Bearer ${credential.password}`;
	const doFetch = context.fetch ?? ((input, init) => fetch(input, init));
	stats.requests++;
	let response: Response;
	try {
		response = await doFetch(url, { headers, signal });
	} catch (error) {
		const aborted = isAbortError(error);
		throw new ForgeHttpError(undefined, aborted ? 'Cancelled.' : String(error), null, aborted);
	}
	if (!response.ok) {
		const text = await response.text().catch(() => '');
		let body: unknown = text;
		try {
			body = JSON.parse(text);
		} catch {
			// not JSON: the text is the message
		}
		const message = (body as { message?: string })?.message ?? text;
		throw new ForgeHttpError(response.status, String(message), body);
	}
	const bytes = new Uint8Array(await response.arrayBuffer());
	stats.bytesFetched += bytes.length;
	if ((await hashBlob(bytes)) !== entry.oid) {
		throw mismatch(
			`The bytes GitLab sent for ${entry.path} do not match its blob id ${entry.oid.slice(0, 7)}.`
		);
	}
	return bytes;
}

function mismatch(message: string): AppError {
	return new AppError(
		'snapshot-mismatch',
		message,
		'Try again; if it persists, the repository may have changed during the checkout, or something between here and GitLab alters its answers.'
	);
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
	if (a.size !== b.size) return false;
	for (const x of a) if (!b.has(x)) return false;
	return true;
}

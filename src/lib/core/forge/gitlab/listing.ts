// GitLab's listing for the setup proposal: the branch resolved, the commit's tree listed (or the
// baseline saved for that commit), and the few named files from `blobs/:sha/raw`, each hashed
// against its blob id; not every file. The full snapshot then runs in the background.
import type { Baseline, BaselineEntry, BlobMode, CheckoutStats } from '../../git/baseline.ts';
import type { CommitInfo } from '../../git/commit-info.ts';
import {
	buildTrees,
	hasObject,
	loadBaseline,
	readBlob,
	withCommitInfo
} from '../../git/object-store.ts';
import { readPaths } from '../read-paths.ts';
import type { ForgeListing, ForgeListingOptions } from '../types.ts';
import { fetchGitLabBlob, gitLabMismatch, type GitLabBlobSource } from './fetch-blob.ts';
import type { ProjectApi } from './project-api.ts';
import { resolveGitLabBranch } from './resolve-branch.ts';
import { listGitLabTree, type GitLabTreeEntry } from './tree-listing.ts';

export type GitLabListingContext = GitLabBlobSource & {
	api: ProjectApi;
	/** `group/sub/repo`, for messages. */
	project: string;
};

const BLOB_MODES = new Set<string>(['100644', '100755', '120000']);

export async function listFromGitLab(
	context: GitLabListingContext,
	options: ForgeListingOptions
): Promise<ForgeListing> {
	const { branch, store } = options;
	const stats: CheckoutStats = { requests: 0, filesFetched: 0, bytesFetched: 0, fromCache: false };
	const { commit, commitInfo } = await resolveGitLabBranch(
		context.api,
		context.project,
		store,
		branch,
		stats
	);
	// A commit checked out before has its baseline saved: no listing request then.
	const saved = await loadBaseline(store, commit);
	const baseline = saved
		? { ...(await withCommitInfo(store, saved, () => commitInfo)), branch }
		: listedBaseline(commit, branch, await listGitLabTree(context.api, commit, stats), commitInfo);
	const files = await readPaths(baseline, options.paths, async (entry) =>
		(await hasObject(store, entry.oid))
			? readBlob(store, entry.oid)
			: fetchGitLabBlob(context, entry, options.signal, stats)
	);
	return { baseline, files };
}

/**
 * The baseline a listing gives, before any file is fetched: the tree API gives no sizes, so a
 * file over the size limit is still among the entries (the snapshot moves it to `skipped`). The
 * root tree is computed from the listed ids and modes.
 */
export function listedBaseline(
	commit: string,
	branch: string,
	listed: readonly GitLabTreeEntry[],
	commitInfo?: CommitInfo
): Baseline {
	const entries: BaselineEntry[] = [];
	const submodules: GitLabTreeEntry[] = [];
	for (const entry of listed) {
		if (entry.type === 'tree') continue;
		if (entry.type === 'commit') submodules.push(entry);
		else if (BLOB_MODES.has(entry.mode))
			entries.push({ path: entry.path, mode: entry.mode as BlobMode, oid: entry.id });
		else throw gitLabMismatch(`${entry.path} has a mode git does not give a file (${entry.mode}).`);
	}
	entries.sort((a, b) => (a.path < b.path ? -1 : 1));
	const { root } = buildTrees([
		...entries,
		...submodules.map((s) => ({ path: s.path, mode: '160000', oid: s.id }))
	]);
	return {
		commit,
		tree: root,
		branch,
		entries,
		skipped: submodules.map((s) => ({ path: s.path, reason: 'submodule' as const, oid: s.id })),
		...(commitInfo ? { commitInfo } : {})
	};
}

// GitHub's listing for the setup proposal: the branch resolved, the recursive tree (or the
// baseline saved for that commit), and the few named files through raw content, each checked
// against its blob id; a few requests instead of one per file.
import type { CheckoutStats } from '../../git/baseline.ts';
import type { GitHubReader } from './reader.ts';
import {
	baselineOf,
	fetchVerified,
	listCommit,
	resolveBranchOrKnown,
	type GitHubRef
} from './tree-listing.ts';
import { hasObject, loadBaseline, readBlob, withCommitInfo } from '../../git/object-store.ts';
import { readPaths } from '../read-paths.ts';
import type { ForgeListing, ForgeListingOptions } from '../types.ts';

export async function listFromGitHub(
	ref: GitHubRef,
	reader: GitHubReader,
	options: ForgeListingOptions
): Promise<ForgeListing> {
	const { branch, store } = options;
	const stats: CheckoutStats = { requests: 0, filesFetched: 0, bytesFetched: 0, fromCache: false };
	const listingOptions = { ref, branch, store, reader, maxFileBytes: options.maxFileBytes };
	const resolved = await resolveBranchOrKnown(listingOptions, stats);
	const { commit } = resolved;
	// A commit checked out before has its baseline saved: no listing request then.
	const saved = await loadBaseline(store, commit);
	const baseline = saved
		? { ...(await withCommitInfo(store, saved, resolved.commitInfo)), branch }
		: baselineOf(
				commit,
				branch,
				await listCommit(listingOptions, commit, stats),
				resolved.commitInfo()
			);
	const files = await readPaths(baseline, options.paths, async (entry) =>
		(await hasObject(store, entry.oid))
			? readBlob(store, entry.oid)
			: fetchVerified(ref, reader, commit, entry, stats)
	);
	return { baseline, files };
}

// The base branch on a plain git host: its head now (one ref listing), and the attempt's
// changes replayed onto it (change-request's host-neutral `rebaseOnto`). The head is fetched
// shallow into the local object store, where the push that follows finds it as its parent, and
// its files are read from there.
import * as git from 'isomorphic-git';
import { rebaseOnto } from '../change-request/rebase-onto.ts';
import type { FileChange, HeadFile, RebaseOutcome } from '../diff/index.ts';
import { hasObject, type ObjectStore } from './object-store.ts';
import { explainGitError, remoteArgs, type GitRemoteOptions } from './remote.ts';

export type RemoteBranch = { url: string; remote: GitRemoteOptions; branch: string };

/** The commit `branch` points at on the host; null when the branch is gone. */
export async function remoteBranchHead(options: RemoteBranch): Promise<string | null> {
	const { url, remote, branch } = options;
	try {
		const refs = await git.listServerRefs({
			...remoteArgs(url, remote),
			prefix: `refs/heads/${branch}`
		});
		return refs.find((ref) => ref.ref === `refs/heads/${branch}`)?.oid ?? null;
	} catch (error) {
		throw await explainGitError(error, url, remote);
	}
}

/** Brings `head` (the branch's head, or a commit held already) into the store. */
async function ensureHead(
	store: ObjectStore,
	options: RemoteBranch,
	head: string
): Promise<string> {
	if (await hasObject(store, head)) return head;
	const { url, remote, branch } = options;
	try {
		const result = await git.fetch({
			...store,
			...remoteArgs(url, remote),
			ref: branch,
			singleBranch: true,
			depth: 1,
			tags: false
		});
		// The branch may have moved again since it was looked at: its head now is the one to use.
		return result.fetchHead ?? head;
	} catch (error) {
		throw await explainGitError(error, url, remote);
	}
}

/** A path's blob in a tree of the store, folder by folder. */
async function readPath(store: ObjectStore, tree: string, path: string): Promise<HeadFile | null> {
	let oid = tree;
	const parts = path.split('/');
	for (const [index, part] of parts.entries()) {
		const { tree: entries } = await git.readTree({ ...store, oid });
		const entry = entries.find((item) => item.path === part);
		const last = index === parts.length - 1;
		if (!entry || entry.type !== (last ? 'blob' : 'tree')) return null;
		if (last) {
			const { blob } = await git.readBlob({ ...store, oid: entry.oid });
			return { bytes: blob, mode: entry.mode };
		}
		oid = entry.oid;
	}
	return null;
}

/** The attempt's changes replayed onto `head` of the branch. */
export function rebaseOverSmartHttp(
	options: RemoteBranch & { store: ObjectStore; head: string; changes: readonly FileChange[] }
): Promise<RebaseOutcome> {
	const { store } = options;
	return rebaseOnto(options.changes, async () => {
		const commit = await ensureHead(store, options, options.head);
		const { commit: object } = await git.readCommit({ ...store, oid: commit });
		return { commit, tree: object.tree, read: (path) => readPath(store, object.tree, path) };
	});
}

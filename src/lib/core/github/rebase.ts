// The base branch moved on since the task's checkout: find out (one ref read before a push),
// and when asked, replay the attempt's changes onto the new head (change-request's host-neutral
// `rebaseOnto`). GitHub supplies the head's files: only those the attempt touched, folder by
// folder, and only blobs that differ from the baseline's are downloaded.
import { rebaseOnto } from '../change-request/rebase-onto.ts';
import type { FileChange, HeadFile, RebaseOutcome } from '../diff/index.ts';
import { fromBase64 } from './base64.ts';
import { clientFor, type GitHubAccess } from './client.ts';
import { explainGitHubFailure } from './errors.ts';
import { apiBaseOf, branchHead, type RepoCall } from './repo-call.ts';

export type RepoAccess = GitHubAccess & { owner: string; repo: string; signal?: AbortSignal };

async function explained<T>(options: RepoAccess, run: (call: RepoCall) => Promise<T>): Promise<T> {
	const octokit = clientFor(options);
	const call: RepoCall = {
		octokit,
		owner: options.owner,
		repo: options.repo,
		signal: options.signal
	};
	try {
		return await run(call);
	} catch (error) {
		throw await explainGitHubFailure(error, {
			action: 'push',
			apiBase: apiBaseOf(octokit),
			owner: options.owner,
			repo: options.repo
		});
	}
}

/** The commit `branch` points at now; null when the branch is gone. */
export function baseBranchHead(options: RepoAccess & { branch: string }): Promise<string | null> {
	return explained(options, (call) => branchHead(call, options.branch));
}

type TreeItem = { path: string; mode: string; type: string; sha: string };

/** Reads files of one commit by path, each folder listed once. */
function headReader(call: RepoCall, rootTree: string, known: ReadonlyMap<string, Uint8Array>) {
	const folders = new Map<string, Promise<Map<string, TreeItem> | null>>();
	const list = (sha: string) =>
		call.octokit.rest.git
			.getTree({
				owner: call.owner,
				repo: call.repo,
				tree_sha: sha,
				request: { signal: call.signal }
			})
			.then(({ data }) => new Map(data.tree.map((item) => [item.path ?? '', item as TreeItem])));
	const folder = (path: string): Promise<Map<string, TreeItem> | null> => {
		let listing = folders.get(path);
		if (!listing) {
			const slash = path.lastIndexOf('/');
			listing =
				path === ''
					? list(rootTree)
					: folder(slash < 0 ? '' : path.slice(0, slash)).then((parent) => {
							const item = parent?.get(path.slice(slash + 1));
							return item?.type === 'tree' ? list(item.sha) : null;
						});
			folders.set(path, listing);
		}
		return listing;
	};
	return async (path: string): Promise<HeadFile | null> => {
		const slash = path.lastIndexOf('/');
		const item = (await folder(slash < 0 ? '' : path.slice(0, slash)))?.get(path.slice(slash + 1));
		if (!item || item.type !== 'blob') return null;
		const bytes = known.get(item.sha) ?? (await readBlobBytes(call, item.sha));
		return { bytes, mode: item.mode };
	};
}

async function readBlobBytes(call: RepoCall, sha: string): Promise<Uint8Array> {
	const { data } = await call.octokit.rest.git.getBlob({
		owner: call.owner,
		repo: call.repo,
		file_sha: sha,
		request: { signal: call.signal }
	});
	return fromBase64(data.content);
}

/** The attempt's changes replayed onto `head`, a commit of the base branch. */
export function rebaseOntoHead(
	options: RepoAccess & { head: string; changes: readonly FileChange[] }
): Promise<RebaseOutcome> {
	return explained(options, (call) =>
		rebaseOnto(options.changes, async (known) => {
			const { data: commit } = await call.octokit.rest.git.getCommit({
				owner: call.owner,
				repo: call.repo,
				commit_sha: options.head,
				request: { signal: call.signal }
			});
			const tree = commit.tree.sha;
			return { commit: options.head, tree, read: headReader(call, tree, known) };
		})
	);
}

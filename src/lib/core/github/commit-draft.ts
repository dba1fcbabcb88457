// The commit a push makes, and how to recognise it later. A commit's id depends on its dates,
// so a retried push makes a different one; "ours" therefore means same tree, same parent and
// same message, which is what a push whose answer was lost has left behind.
import type { RepoCall } from './repo-call.ts';

export type CommitDraft = { tree: string; parent: string; message: string };

export type PushedCommit = {
	sha: string;
	/** The commit's web page; the branch's page is derived from it. */
	htmlUrl: string;
	tree: string;
	parents: string[];
	message: string;
};

type CommitData = {
	sha: string;
	html_url: string;
	tree: { sha: string };
	parents: { sha: string }[];
	message: string;
};

const toPushed = (data: CommitData): PushedCommit => ({
	sha: data.sha,
	htmlUrl: data.html_url,
	tree: data.tree.sha,
	parents: data.parents.map((parent) => parent.sha),
	message: data.message
});

export async function readCommit(call: RepoCall, sha: string): Promise<PushedCommit> {
	const { data } = await call.octokit.rest.git.getCommit({
		owner: call.owner,
		repo: call.repo,
		commit_sha: sha,
		request: { signal: call.signal }
	});
	return toPushed(data);
}

export async function writeCommit(call: RepoCall, draft: CommitDraft): Promise<PushedCommit> {
	const { data } = await call.octokit.rest.git.createCommit({
		owner: call.owner,
		repo: call.repo,
		message: draft.message,
		tree: draft.tree,
		parents: [draft.parent],
		request: { signal: call.signal }
	});
	return toPushed(data);
}

export function isDraftOf(commit: PushedCommit, draft: CommitDraft): boolean {
	return (
		commit.tree === draft.tree &&
		commit.parents.length === 1 &&
		commit.parents[0] === draft.parent &&
		commit.message.trimEnd() === draft.message.trimEnd()
	);
}

/** `https://github.com/o/r/commit/<sha>` → `https://github.com/o/r/tree/<branch>`. */
export function branchUrl(commit: PushedCommit, branch: string): string {
	const repoPage = commit.htmlUrl.replace(/\/commit\/[0-9a-f]+$/, '');
	return `${repoPage}/tree/${branch.split('/').map(encodeURIComponent).join('/')}`;
}

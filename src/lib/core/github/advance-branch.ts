// A push after a follow-up: the attempt's branch moves forward to a commit whose parent is its
// current head (a fast-forward, never forced). A head we did not push means someone else did.
import { branchUrl, isDraftOf, readCommit, writeCommit, type CommitDraft } from './commit-draft.ts';
import { branchDiverged } from './errors.ts';
import type { PushResult } from '../change-request/push-types.ts';
import { branchHead, type RepoCall } from './repo-call.ts';

export type ExistingBranch = { name: string; sha: string };

export async function advanceBranch(
	call: RepoCall,
	existing: ExistingBranch,
	draft: CommitDraft
): Promise<PushResult> {
	const { name } = existing;
	const head = await branchHead(call, name);
	if (head === null) {
		// Deleted since the last push (say, after a merge): start it again from the same commit.
		const commit = await writeCommit(call, draft);
		await call.octokit.rest.git.createRef({
			owner: call.owner,
			repo: call.repo,
			ref: `refs/heads/${name}`,
			sha: commit.sha,
			request: { signal: call.signal }
		});
		return {
			branch: name,
			commitSha: commit.sha,
			url: branchUrl(commit, name),
			outcome: 'created'
		};
	}
	const headCommit = await readCommit(call, head);
	const upToDate =
		head === existing.sha ? headCommit.tree === draft.tree : isDraftOf(headCommit, draft);
	if (upToDate) {
		const url = branchUrl(headCommit, name);
		return { branch: name, commitSha: head, url, outcome: 'up-to-date' };
	}
	if (head !== existing.sha) throw branchDiverged(name);
	const commit = await writeCommit(call, draft);
	await call.octokit.rest.git.updateRef({
		owner: call.owner,
		repo: call.repo,
		ref: `heads/${name}`,
		sha: commit.sha,
		force: false,
		request: { signal: call.signal }
	});
	return { branch: name, commitSha: commit.sha, url: branchUrl(commit, name), outcome: 'updated' };
}

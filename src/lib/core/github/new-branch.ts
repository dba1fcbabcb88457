// A first push: a new branch named for the task, with -2, -3… when the name is taken. The ref
// is written last, so a push that fails earlier leaves no branch behind; and a branch of the
// family that already holds our commit is a retried push whose answer was lost, not a clash.
import { AppError } from '../http/index.ts';
import { candidateName, firstFreeName, isCandidateOf } from '../change-request/branch-name.ts';
import {
	branchUrl,
	isDraftOf,
	readCommit,
	writeCommit,
	type CommitDraft,
	type PushedCommit
} from './commit-draft.ts';
import { readFailure } from './failure.ts';
import type { PushResult } from '../change-request/push-types.ts';
import { branchHead, type RepoCall } from './repo-call.ts';

/** Branches of a family looked into for an earlier push of ours; more is not plausible. */
const MAX_EARLIER_CHECKS = 10;
/** Names tried when others keep taking them between our look and our write. */
const MAX_CREATE_ATTEMPTS = 5;

/** Existing branches named `name` or `name-N`, with their heads, in candidate order. */
async function branchFamily(call: RepoCall, name: string): Promise<Map<string, string>> {
	const { data } = await call.octokit.rest.git.listMatchingRefs({
		owner: call.owner,
		repo: call.repo,
		ref: `heads/${name}`,
		request: { signal: call.signal }
	});
	const order = (branch: string) => (branch === name ? 1 : Number(branch.slice(name.length + 1)));
	const family = data
		.map((ref) => ({ branch: ref.ref.replace(/^refs\/heads\//, ''), sha: ref.object.sha }))
		.filter(({ branch }) => isCandidateOf(name, branch))
		.sort((a, b) => order(a.branch) - order(b.branch));
	return new Map(family.map(({ branch, sha }) => [branch, sha]));
}

async function findEarlierPush(
	call: RepoCall,
	family: Map<string, string>,
	draft: CommitDraft
): Promise<{ branch: string; commit: PushedCommit } | null> {
	for (const [branch, sha] of [...family].slice(0, MAX_EARLIER_CHECKS)) {
		const commit = await readCommit(call, sha);
		if (isDraftOf(commit, draft)) return { branch, commit };
	}
	return null;
}

/** Creates the branch; false when the name is taken. */
async function tryCreateRef(call: RepoCall, branch: string, sha: string): Promise<boolean> {
	try {
		await call.octokit.rest.git.createRef({
			owner: call.owner,
			repo: call.repo,
			ref: `refs/heads/${branch}`,
			sha,
			request: { signal: call.signal }
		});
		return true;
	} catch (error) {
		const { status, message } = readFailure(error);
		if (status === 422 && /already exists/i.test(message)) return false;
		throw error;
	}
}

export async function createBranch(
	call: RepoCall,
	name: string,
	draft: CommitDraft
): Promise<PushResult> {
	const family = await branchFamily(call, name);
	const earlier = await findEarlierPush(call, family, draft);
	if (earlier) {
		const { branch, commit } = earlier;
		return { branch, commitSha: commit.sha, url: branchUrl(commit, branch), outcome: 'up-to-date' };
	}
	const commit = await writeCommit(call, draft);
	for (let attempt = 0; attempt < MAX_CREATE_ATTEMPTS; attempt++) {
		const branch = firstFreeName(name, new Set(family.keys()));
		const created =
			(await tryCreateRef(call, branch, commit.sha)) ||
			(await branchHead(call, branch)) === commit.sha;
		if (created)
			return { branch, commitSha: commit.sha, url: branchUrl(commit, branch), outcome: 'created' };
		// Taken since we listed the family: by someone else, or by a ref in the way (`name/x`).
		family.set(branch, '');
	}
	throw new AppError(
		'branch-name-taken',
		`Branches ${name} to ${candidateName(name, family.size)} are all taken.`,
		'Choose another branch name or prefix.'
	);
}

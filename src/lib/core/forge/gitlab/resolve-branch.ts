// The branch's commit from GitLab, remembered; when GitLab cannot be reached, the commit it
// last resolved to (its baseline and objects are in the store), as GitHub's checkout does. The
// branch answer holds the head commit whole, so the baseline's commit info comes with it.
import { knownBranchHead, rememberBranchHead } from '../../git/branch-heads.ts';
import type { CheckoutStats } from '../../git/baseline.ts';
import type { ObjectStore } from '../../git/object-store.ts';
import { AppError, hostOf } from '../../http/index.ts';
import { ForgeHttpError } from '../rest-client.ts';
import type { CommitInfo } from '../../git/commit-info.ts';
import { commitInfoFromGitLab } from './commit-info.ts';
import type { GitLabBranchCommit, ProjectApi } from './project-api.ts';

/** The branch's commit, and its info where GitLab's answer gave it (not offline). */
export type ResolvedGitLabBranch = { commit: string; commitInfo?: CommitInfo };

export async function resolveGitLabBranch(
	api: ProjectApi,
	project: string,
	store: ObjectStore,
	branch: string,
	stats: CheckoutStats
): Promise<ResolvedGitLabBranch> {
	let head: GitLabBranchCommit | null;
	try {
		stats.requests++;
		head = await api.branchCommit(branch);
	} catch (error) {
		const unreachable =
			error instanceof ForgeHttpError && error.status === undefined && !error.aborted;
		const known = unreachable ? await knownBranchHead(store, branch) : null;
		if (!known) throw error;
		stats.offline = { host: hostOf(api.projectUrl), resolvedAt: known.resolvedAt };
		return { commit: known.commit };
	}
	if (!head) {
		throw new AppError(
			'branch-not-found',
			`Branch "${branch}" does not exist in ${project}.`,
			'Pick another branch.'
		);
	}
	await rememberBranchHead(store, branch, head.id);
	const commitInfo = commitInfoFromGitLab(head);
	return commitInfo ? { commit: head.id, commitInfo } : { commit: head.id };
}

// The branch's commit from GitLab, remembered; when GitLab cannot be reached, the commit it
// last resolved to (its baseline and objects are in the store), as GitHub's checkout does.
import { knownBranchHead, rememberBranchHead } from '../../git/branch-heads.ts';
import type { CheckoutStats } from '../../git/baseline.ts';
import type { ObjectStore } from '../../git/object-store.ts';
import { AppError, hostOf } from '../../http/index.ts';
import { ForgeHttpError } from '../rest-client.ts';
import type { ProjectApi } from './project-api.ts';

export async function resolveGitLabBranch(
	api: ProjectApi,
	project: string,
	store: ObjectStore,
	branch: string,
	stats: CheckoutStats
): Promise<string> {
	let head: string | null;
	try {
		stats.requests++;
		head = await api.branchHead(branch);
	} catch (error) {
		const unreachable =
			error instanceof ForgeHttpError && error.status === undefined && !error.aborted;
		const known = unreachable ? await knownBranchHead(store, branch) : null;
		if (!known) throw error;
		stats.offline = { host: hostOf(api.projectUrl), resolvedAt: known.resolvedAt };
		return known.commit;
	}
	if (!head) {
		throw new AppError(
			'branch-not-found',
			`Branch "${branch}" does not exist in ${project}.`,
			'Pick another branch.'
		);
	}
	await rememberBranchHead(store, branch, head);
	return head;
}

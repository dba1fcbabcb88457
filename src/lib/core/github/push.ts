// Push an attempt's changes as a branch through the Git Data API: blobs → a tree on top of the
// baseline tree → a commit → the ref, last. Every step but the last is content-addressed, so a
// push that fails half-way can simply be run again.
//
// A base branch that moved on is rebased onto by `rebaseOntoHead` (rebase.ts): its result's
// base is passed here as `baseline`, so the tree sits on the new head's tree.
import type { FileChange } from '../diff/index.ts';
import type { Baseline } from '../git/index.ts';
import { AppError } from '../http/index.ts';
import { advanceBranch, type ExistingBranch } from './advance-branch.ts';
import { branchNameFor, type BranchSpec } from '../change-request/branch-name.ts';
import { clientFor, type GitHubAccess } from './client.ts';
import { explainGitHubFailure } from './errors.ts';
import { createBranch } from './new-branch.ts';
import type { PushProgress, PushResult } from '../change-request/push-types.ts';
import { apiBaseOf, type RepoCall } from './repo-call.ts';
import { writeTreeEdits, type TreeEdit } from './tree-entries.ts';

export type PushOptions = GitHubAccess & {
	owner: string;
	repo: string;
	/** The commit and tree the attempt started from. */
	baseline: Pick<Baseline, 'commit' | 'tree'>;
	/** The whole attempt against the baseline (after a follow-up too, not only what is new). */
	changes: readonly FileChange[];
	/** The branch of a first push; ignored when `existingBranch` is given. */
	branch: BranchSpec;
	message: string;
	/** The attempt's branch and the commit last pushed to it: the push fast-forwards it. */
	existingBranch?: ExistingBranch;
	signal?: AbortSignal;
	onProgress?: (progress: PushProgress) => void;
};

function nothingToPush(): AppError {
	return new AppError(
		'nothing-to-push',
		'The changes leave the repository as it was, so there is nothing to push.',
		'Make a change first, or download the patch instead.'
	);
}

async function writeTree(call: RepoCall, baseTree: string, edits: TreeEdit[]): Promise<string> {
	const { data } = await call.octokit.rest.git.createTree({
		owner: call.owner,
		repo: call.repo,
		base_tree: baseTree,
		tree: edits,
		request: { signal: call.signal }
	});
	return data.sha;
}

export async function pushChanges(options: PushOptions): Promise<PushResult> {
	const { owner, repo, baseline, existingBranch } = options;
	const report = options.onProgress ?? (() => undefined);
	const octokit = clientFor(options);
	const call: RepoCall = { octokit, owner, repo, signal: options.signal };
	try {
		const name = existingBranch?.name ?? branchNameFor(options.branch);
		if (options.changes.every((change) => change.before === null && change.after === null)) {
			throw nothingToPush();
		}
		const edits = await writeTreeEdits(call, options.changes, (done, total) =>
			report({ phase: 'blobs', done, total })
		);
		report({ phase: 'tree', done: 0, total: 1 });
		const tree = await writeTree(call, baseline.tree, edits);
		if (!existingBranch && tree === baseline.tree) throw nothingToPush();
		report({ phase: 'branch', done: 0, total: 1 });
		const parent = existingBranch?.sha ?? baseline.commit;
		const draft = { tree, parent, message: options.message };
		const result = existingBranch
			? await advanceBranch(call, existingBranch, draft)
			: await createBranch(call, name, draft);
		report({ phase: 'done', done: 1, total: 1 });
		return result;
	} catch (error) {
		throw await explainGitHubFailure(error, {
			action: 'push',
			apiBase: apiBaseOf(octokit),
			owner,
			repo
		});
	}
}

// Push an attempt's changes to a git host that is not GitHub's API: the tree and commit are made
// in the local object store (the baseline's objects are there from checkout) and sent with
// isomorphic-git over smart HTTP, through the CORS proxy when one is set. Branch naming and the
// follow-up fast-forward behave as the GitHub push does.
import * as git from 'isomorphic-git';
import type { FileChange } from '../diff/index.ts';
// Straight to the file, not an index: the git worker loads only what it uses.
import {
	branchNameFor,
	firstFreeName,
	isCandidateOf,
	type BranchSpec
} from '../change-request/branch-name.ts';
import type { PushProgress } from '../change-request/push-types.ts';
import { AppError } from '../http/index.ts';
import { hasObject, type ObjectStore } from './object-store.ts';
import { explainGitError, remoteArgs, type GitRemoteOptions } from './remote.ts';
import { writeEditedTree } from './tree-edit.ts';

export type GitAuthor = { name: string; email: string };

export type SmartHttpPushOptions = {
	url: string;
	store: ObjectStore;
	remote: GitRemoteOptions;
	/** The commit the changes are against (the baseline, or the head they were rebased onto). */
	base: { commit: string; tree: string };
	changes: readonly FileChange[];
	branch: BranchSpec;
	message: string;
	/** The attempt's branch and the commit last pushed to it: the push fast-forwards it. */
	existingBranch?: { name: string; sha: string };
	author?: GitAuthor;
	/** Seconds since the epoch, for the commit's dates. */
	now?: () => number;
	onProgress?: (progress: PushProgress) => void;
};

export type SmartHttpPushResult = {
	branch: string;
	commitSha: string;
	outcome: 'created' | 'updated' | 'up-to-date';
};

export const DEFAULT_AUTHOR: GitAuthor = { name: 'Patchbay', email: 'patchbay@localhost' };

type Draft = { tree: string; parent: string; message: string };

/** Whether `oid` is a commit of ours with this tree, parent and message (a retried push). */
async function isDraft(store: ObjectStore, oid: string, draft: Draft): Promise<boolean> {
	if (!(await hasObject(store, oid))) return false;
	try {
		const { commit } = await git.readCommit({ ...store, oid });
		return (
			commit.tree === draft.tree &&
			commit.parent.length === 1 &&
			commit.parent[0] === draft.parent &&
			commit.message.trimEnd() === draft.message.trimEnd()
		);
	} catch {
		return false;
	}
}

async function treeOf(store: ObjectStore, oid: string): Promise<string | null> {
	if (!(await hasObject(store, oid))) return null;
	return (await git.readCommit({ ...store, oid })).commit.tree;
}

async function remoteBranches(options: SmartHttpPushOptions, name: string) {
	const { remote, url } = options;
	const refs = await git.listServerRefs({
		...remoteArgs(url, remote),
		forPush: true,
		protocolVersion: 1,
		prefix: `refs/heads/${name}`
	});
	const heads = new Map<string, string>();
	for (const { ref, oid } of refs) heads.set(ref.replace(/^refs\/heads\//, ''), oid);
	return heads;
}

function baselineMissing(): AppError {
	return new AppError(
		'baseline-missing',
		"The commit this task started from is no longer in this browser's git storage.",
		'Download the patch and apply it with `git apply`, or run the task again.'
	);
}

function diverged(branch: string): AppError {
	return new AppError(
		'branch-diverged',
		`${branch} has commits Patchbay did not push, so moving it would drop them.`,
		'Push to a new branch instead, or bring those commits into the task first.'
	);
}

async function sendBranch(options: SmartHttpPushOptions, branch: string, commit: string) {
	const { store, remote, url } = options;
	const ref = `refs/heads/${branch}`;
	await git.writeRef({ fs: store.fs, gitdir: store.gitdir, ref, value: commit, force: true });
	// isomorphic-git throws GitPushError for a ref the host refused (a hook, a protection rule);
	// its result names the reason, as a refusal it answers with does.
	const result = await git
		.push({ ...store, ...remoteArgs(url, remote), ref, remoteRef: ref })
		.catch((error: unknown) => {
			const refused = (error as { code?: string; data?: { result?: git.PushResult } }).data?.result;
			if ((error as { code?: string }).code === 'GitPushError' && refused) return refused;
			throw error;
		});
	const refError = result.refs[ref]?.error;
	if (!result.ok || refError) {
		throw new AppError(
			'push-rejected',
			`The git host refused to update ${branch}: ${refError || result.error || 'no reason given'}.`,
			'A branch protection rule or a server hook may forbid it: push to another branch name ' +
				'(change it in Settings), or download the patch.'
		);
	}
}

/**
 * isomorphic-git leaves out of the pack every object reachable from what `origin/HEAD` names
 * when that name is a commit id; pointed at the base, only the new blobs and trees travel.
 */
function skipBaseObjects(store: ObjectStore, commit: string): Promise<void> {
	return git.writeRef({
		fs: store.fs,
		gitdir: store.gitdir,
		ref: 'refs/remotes/origin/HEAD',
		value: `refs/remotes/origin/${commit}`,
		symbolic: true,
		force: true
	});
}

/** Writes the commit and sends it, as a new branch or a fast-forward of the attempt's branch. */
async function pushDraft(options: SmartHttpPushOptions, name: string, draft: Draft) {
	const heads = await remoteBranches(options, name);
	const existing = options.existingBranch;
	let branch: string;
	if (existing && heads.has(existing.name)) {
		branch = existing.name;
		const head = heads.get(branch)!;
		// A retry whose answer was lost, or a follow-up that changed nothing: no new commit.
		const same = head === existing.sha && (await treeOf(options.store, head)) === draft.tree;
		if (same || (await isDraft(options.store, head, draft))) {
			return { branch, commit: head, outcome: 'up-to-date' as const };
		}
		if (head !== existing.sha) throw diverged(branch);
	} else if (existing) {
		branch = existing.name; // deleted since the last push: start it again
	} else {
		const family = [...heads.keys()].filter((b) => isCandidateOf(name, b));
		for (const candidate of family) {
			if (await isDraft(options.store, heads.get(candidate)!, draft)) {
				return { branch: candidate, commit: heads.get(candidate)!, outcome: 'up-to-date' as const };
			}
		}
		branch = firstFreeName(name, new Set(heads.keys()));
	}
	const when = { timestamp: Math.floor(options.now?.() ?? Date.now() / 1000), timezoneOffset: 0 };
	const author = { ...(options.author ?? DEFAULT_AUTHOR), ...when };
	const commit = await git.writeCommit({
		fs: options.store.fs,
		gitdir: options.store.gitdir,
		commit: {
			tree: draft.tree,
			parent: [draft.parent],
			author,
			committer: author,
			message: draft.message
		}
	});
	options.onProgress?.({ phase: 'branch', done: 0, total: 1 });
	await sendBranch(options, branch, commit);
	const outcome =
		existing && heads.has(existing.name) ? ('updated' as const) : ('created' as const);
	return { branch, commit, outcome };
}

export async function pushOverSmartHttp(
	options: SmartHttpPushOptions
): Promise<SmartHttpPushResult> {
	const { store, base, existingBranch } = options;
	const name = existingBranch?.name ?? branchNameFor(options.branch);
	if (!(await hasObject(store, base.tree))) throw baselineMissing();
	options.onProgress?.({ phase: 'tree', done: 0, total: 1 });
	const tree = await writeEditedTree(store, base.tree, options.changes);
	if (!existingBranch && tree === base.tree) {
		throw new AppError(
			'nothing-to-push',
			'The changes leave the repository as it was, so there is nothing to push.',
			'Make a change first, or download the patch instead.'
		);
	}
	const parent = existingBranch?.sha ?? base.commit;
	if (existingBranch && !(await hasObject(store, parent))) throw baselineMissing();
	await skipBaseObjects(store, base.commit);
	try {
		const pushed = await pushDraft(options, name, { tree, parent, message: options.message });
		options.onProgress?.({ phase: 'done', done: 1, total: 1 });
		return { branch: pushed.branch, commitSha: pushed.commit, outcome: pushed.outcome };
	} catch (error) {
		if (error instanceof AppError) throw error;
		if ((error as { code?: string }).code === 'PushRejectedError') throw diverged(name);
		throw await explainGitError(error, options.url, options.remote);
	} finally {
		await git.deleteRef({ fs: store.fs, gitdir: store.gitdir, ref: 'refs/remotes/origin/HEAD' });
	}
}

// Push an attempt to GitLab as ONE commit request: every file's create, update, delete, move and
// mode change in a single `actions` list, so the branch is written whole or not at all. A first
// push starts the branch at the baseline (`start_sha`); a follow-up fast-forwards the attempt's
// branch with what differs from what it holds; a retried push whose answer was lost finds its
// commit and asks for nothing.
import {
	branchNameFor,
	candidateName,
	firstFreeName,
	isCandidateOf
} from '../../change-request/branch-name.ts';
import { branchDiverged } from '../../github/errors.ts';
import { AppError } from '../../http/index.ts';
import type { ForgePushOptions, PushResult } from '../types.ts';
import {
	actionsFromBaseline,
	actionsFromBranch,
	refuseSymlinks,
	type CommitAction
} from './commit-actions.ts';
import type { ProjectApi } from './project-api.ts';

const MAX_CREATE_ATTEMPTS = 5;

function nothingToPush(): AppError {
	return new AppError(
		'nothing-to-push',
		'The changes leave the repository as it was, so there is nothing to push.',
		'Make a change first, or download the patch instead.'
	);
}

/** What turns the branch at `head` (an earlier push on `baseline`) into baseline + changes. */
async function actionsOnBranch(
	api: ProjectApi,
	options: ForgePushOptions,
	head: string
): Promise<CommitAction[]> {
	const { diffs } = await api.compare(options.baseline.commit, head);
	return actionsFromBranch(options.changes, diffs, {
		async baseline(path) {
			const file = await api.file(path, options.baseline.commit);
			if (!file) throw new AppError('unexpected', `GitLab lost ${path} at the baseline.`);
			return file.bytes;
		},
		async branchBlobId(path) {
			return (await api.file(path, head))?.blobId ?? '';
		}
	});
}

function pushed(branch: string, commitSha: string, webUrl: string, outcome: PushResult['outcome']) {
	return { branch, commitSha, url: `${webUrl}/-/tree/${branch}`, outcome };
}

/** A branch of the name's family already holding this push (one parent: the baseline). */
async function earlierPush(
	api: ProjectApi,
	family: Map<string, string>,
	options: ForgePushOptions
): Promise<{ branch: string; head: string } | null> {
	for (const [branch, head] of family) {
		const commit = await api.commit(head);
		const ours =
			commit.parent_ids.length === 1 &&
			commit.parent_ids[0] === options.baseline.commit &&
			commit.message.trimEnd() === options.message.trimEnd();
		if (ours && (await actionsOnBranch(api, options, head)).length === 0) return { branch, head };
	}
	return null;
}

async function branchFamily(api: ProjectApi, name: string): Promise<Map<string, string>> {
	const family = new Map<string, string>();
	for (let page = 1; page <= 10; page++) {
		const list = await api.branches(page, `^${name}`);
		for (const b of list) if (isCandidateOf(name, b.name)) family.set(b.name, b.commit.id);
		if (list.length < 100) break;
	}
	return family;
}

/**
 * A follow-up that must put back a symlink an earlier push deleted: GitLab's actions cannot
 * write one, so the branch is written again from the baseline (which has it) with `force`; the
 * request shows the whole change, only the earlier commit leaves the branch's history.
 */
async function rewriteFromBaseline(
	api: ProjectApi,
	webUrl: string,
	branch: string,
	options: ForgePushOptions
): Promise<PushResult> {
	const commit = await api.createCommit({
		branch,
		start_sha: options.baseline.commit,
		force: true,
		commit_message: options.message,
		actions: actionsFromBaseline(options.changes)
	});
	options.onProgress?.({ phase: 'done', done: 1, total: 1 });
	return pushed(branch, commit.id, webUrl, 'updated');
}

export async function pushToGitLab(
	api: ProjectApi,
	webUrl: string,
	options: ForgePushOptions
): Promise<PushResult> {
	const report = options.onProgress ?? (() => undefined);
	if (options.changes.every((c) => c.before === null && c.after === null)) throw nothingToPush();
	refuseSymlinks(options.changes);
	const existing = options.existingBranch;
	report({ phase: 'tree', done: 0, total: 1 });
	if (existing) {
		const head = await api.branchHead(existing.name);
		if (head !== null && head !== existing.sha) throw branchDiverged(`Branch ${existing.name}`);
		if (head !== null) {
			const actions = await actionsOnBranch(api, options, head).catch((error: unknown) => {
				if (error instanceof AppError && error.code === 'symlink-unsupported') return null;
				throw error;
			});
			if (actions === null) return rewriteFromBaseline(api, webUrl, existing.name, options);
			if (actions.length === 0) return pushed(existing.name, head, webUrl, 'up-to-date');
			report({ phase: 'branch', done: 0, total: 1 });
			const commit = await api.createCommit({
				branch: existing.name,
				commit_message: options.message,
				actions
			});
			report({ phase: 'done', done: 1, total: 1 });
			return pushed(existing.name, commit.id, webUrl, 'updated');
		}
		// The branch was deleted at the host: start it again from the baseline.
	}
	const name = existing?.name ?? branchNameFor(options.branch);
	const actions = actionsFromBaseline(options.changes);
	if (actions.length === 0) throw nothingToPush();
	const family = await branchFamily(api, name);
	const earlier = await earlierPush(api, family, options);
	if (earlier) return pushed(earlier.branch, earlier.head, webUrl, 'up-to-date');
	report({ phase: 'branch', done: 0, total: 1 });
	for (let attempt = 0; attempt < MAX_CREATE_ATTEMPTS; attempt++) {
		const branch = firstFreeName(name, new Set(family.keys()));
		// GitLab creates `branch` from `start_sha` and refuses (400) when it exists already.
		if ((await api.branchHead(branch)) !== null) {
			family.set(branch, '');
			continue;
		}
		const commit = await api.createCommit({
			branch,
			start_sha: options.baseline.commit,
			commit_message: options.message,
			actions
		});
		report({ phase: 'done', done: 1, total: 1 });
		return pushed(branch, commit.id, webUrl, 'created');
	}
	throw new AppError(
		'branch-name-taken',
		`Branches ${name} to ${candidateName(name, family.size)} are all taken.`,
		'Choose another branch name or prefix.'
	);
}

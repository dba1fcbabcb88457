// What the sandbox's git says to a command it does not have. Commits, branches and pushes are
// the task's job when it ends (the review page turns the diff into a branch and a pull
// request), so those are refused with that explanation; other commands say what to use.
import { fail, type Outcome } from './types.ts';

export const AVAILABLE =
	'status, diff, log, show, rev-parse, branch, ls-files, restore, checkout -- <path>, reset --hard';

const COLLECTED = 'your changes are collected automatically when the task ends';

const REMOTE = new Set(['push', 'pull', 'fetch', 'clone', 'remote', 'ls-remote', 'submodule']);

const WRITES = new Set([
	'commit',
	'merge',
	'rebase',
	'cherry-pick',
	'revert',
	'tag',
	'am',
	'stash',
	'switch',
	'branch',
	'checkout',
	'reset',
	'notes',
	'init',
	'worktree',
	'update-ref',
	'update-index',
	'commit-tree',
	'write-tree',
	'read-tree',
	'symbolic-ref',
	'gc',
	'prune',
	'repack',
	'filter-branch',
	'replace',
	'mv',
	'rm',
	'clean',
	'apply',
	'config',
	'bisect'
]);

const READS = new Set([
	'grep',
	'blame',
	'annotate',
	'reflog',
	'describe',
	'shortlog',
	'cat-file',
	'ls-tree',
	'diff-tree',
	'diff-index',
	'diff-files',
	'merge-base',
	'format-patch',
	'whatchanged',
	'range-diff',
	'archive',
	'fsck',
	'count-objects',
	'check-ignore',
	'check-attr',
	'for-each-ref',
	'show-ref',
	'name-rev',
	'rev-list',
	'var',
	'show-branch',
	'difftool',
	'mergetool',
	'instaweb',
	'gui',
	'citool',
	'gitk',
	'request-pull',
	'send-email',
	'bundle',
	'maintenance',
	'sparse-checkout',
	'lfs'
]);

const HINTS: Record<string, string> = {
	rm: 'delete the file with rm; the deletion is part of your changes',
	mv: 'rename the file with mv; the rename is part of your changes',
	clean: 'delete untracked files with rm',
	apply: 'edit files with apply_patch',
	stash: 'git diff > file.patch saves your changes; git restore <path> brings back a file',
	reset: 'git restore <path> (or git reset --hard) brings back the baseline version of files',
	checkout: 'git checkout -- <path> brings back the baseline version of a file',
	switch: 'work on the current branch; the review page creates the branch',
	branch: 'work on the current branch; the review page creates the branch',
	grep: 'use grep -rn or rg',
	'cat-file': 'git show HEAD:<path> prints a file as the baseline has it',
	'ls-tree': 'git ls-files lists the tracked files',
	blame: 'the history before the baseline commit is not in this sandbox'
};

export function unavailable(name: string): Outcome {
	const hint = HINTS[name] ? `\nhint: ${HINTS[name]}` : '';
	if (REMOTE.has(name)) {
		return fail(
			`git: '${name}' is not available in this sandbox: it has no remote; ${COLLECTED}${hint}`
		);
	}
	if (WRITES.has(name)) {
		return fail(`git: '${name}' is not available in this sandbox; ${COLLECTED}${hint}`);
	}
	if (READS.has(name)) {
		return fail(`git: '${name}' is not available in this sandbox; available: ${AVAILABLE}${hint}`);
	}
	return fail(`git: '${name}' is not a git command. See 'git --help'.`);
}

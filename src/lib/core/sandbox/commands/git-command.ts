// `git` for the Lite sandbox, a just-bash command: the read-only commands agents reach for
// (status, diff, log, show, …) over the working tree and the baseline, with git's output
// formats, and a clear refusal for what only makes sense with a real repository.
import { defineCommand, type Command } from 'just-bash';
import { gitRepo, runGit } from './git-run.ts';
import type { GitRepoOptions } from './types.ts';
import type { StatCache } from './worktree.ts';

export function createGitCommand(options: GitRepoOptions): Command {
	const repo = gitRepo(options);
	// One stat cache per file system, so a command list shared by two sandboxes stays right.
	const caches = new WeakMap<object, StatCache>();
	return defineCommand('git', async (args, ctx) => {
		const key = ctx.fsIdentity ?? ctx.fs;
		const cache = caches.get(key) ?? new Map();
		caches.set(key, cache);
		return runGit(args, { fs: ctx.fs, cwd: ctx.cwd, signal: ctx.signal }, repo, cache);
	});
}

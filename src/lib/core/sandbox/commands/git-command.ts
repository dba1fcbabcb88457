// `git` for the Lite sandbox, a just-bash command: the read-only commands agents reach for
// (status, diff, log, show, …) over the working tree and the baseline, with git's output
// formats, and a clear refusal for what only makes sense with a real repository.
import { defineCommand, type Command, type ResolvedCommandContext } from 'just-bash';
import { UsageError } from './args.ts';
import { branch } from './git-branch.ts';
import { diff } from './git-diff.ts';
import { log } from './git-log.ts';
import { lsFiles } from './git-ls-files.ts';
import { checkout, reset, restore } from './git-restore.ts';
import { revParse } from './git-rev-parse.ts';
import { show } from './git-show.ts';
import { add, help, stash, switchBranch, tag, USAGE } from './git-small.ts';
import { status } from './git-status.ts';
import { unavailable } from './git-unavailable.ts';
import { PathspecError } from './pathspec.ts';
import { prefixOf } from './repo-paths.ts';
import {
	fail,
	fatal,
	ok,
	type GitContext,
	type GitRepoOptions,
	type Outcome,
	type Subcommand
} from './types.ts';
import { readWorktree, type StatCache } from './worktree.ts';

const SUBCOMMANDS: Record<string, Subcommand> = {
	status,
	diff,
	log,
	show,
	'rev-parse': revParse,
	branch,
	'ls-files': lsFiles,
	restore,
	checkout,
	reset,
	add,
	tag,
	stash,
	switch: switchBranch,
	help
};

/** Global options that change nothing here (there is no pager, no config to override). */
const IGNORED_GLOBALS = new Set([
	'--no-pager',
	'-P',
	'--paginate',
	'-p',
	'--no-optional-locks',
	'--no-replace-objects',
	'--literal-pathspecs'
]);

export function createGitCommand(options: GitRepoOptions): Command {
	const repo = { ...options, root: (options.root ?? '/work').replace(/\/+$/, '') || '/' };
	// One stat cache per file system, so a command list shared by two sandboxes stays right.
	const caches = new WeakMap<object, StatCache>();
	return defineCommand('git', async (args, ctx) => {
		const key = ctx.fsIdentity ?? ctx.fs;
		const cache = caches.get(key) ?? new Map();
		caches.set(key, cache);
		try {
			return await runGit(args, ctx, repo, cache);
		} catch (error) {
			if (error instanceof UsageError) return fail(`error: ${error.message}\n${USAGE}`, 129);
			if (error instanceof PathspecError) return fatal(error.message);
			throw error;
		}
	});
}

async function runGit(
	args: string[],
	ctx: ResolvedCommandContext,
	repo: GitContext['repo'],
	cache: StatCache
): Promise<Outcome> {
	let cwd = ctx.cwd;
	let at = 0;
	for (; at < args.length && args[at]!.startsWith('-'); at++) {
		const arg = args[at]!;
		if (arg === '-C') cwd = ctx.fs.resolvePath(cwd, args[++at] ?? '.');
		else if (arg === '-c') at++;
		else if (arg === '--version') return ok('git version (patchbay sandbox)\n');
		else if (arg === '--help' || arg === '-h') return ok(USAGE);
		else if (!IGNORED_GLOBALS.has(arg)) return fail(`unknown option: ${arg}\n${USAGE}`, 129);
	}
	const name = args[at];
	if (name === undefined) return fail(USAGE);
	const subcommand = SUBCOMMANDS[name];
	if (!subcommand) return unavailable(name);
	if (!(await ctx.fs.exists(cwd))) {
		return fatal(`cannot change to '${cwd}': No such file or directory`);
	}
	const prefix = prefixOf(repo.root, cwd);
	if (prefix === null) {
		return fatal('not a git repository (or any of the parent directories): .git');
	}
	let pending: ReturnType<GitContext['worktree']> | undefined;
	const context: GitContext = {
		repo,
		fs: ctx.fs,
		cwd,
		prefix,
		signal: ctx.signal,
		worktree: () => (pending ??= readWorktree(repo, ctx.fs, cache, ctx.signal))
	};
	return subcommand(args.slice(at + 1), context);
}

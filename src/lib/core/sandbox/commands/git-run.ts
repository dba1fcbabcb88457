// The sandbox's `git` itself, apart from any shell: parses the global options, picks the
// subcommand and runs it over a file system. The Lite shell wraps it as a just-bash command
// (git-command.ts); the WebContainer runs it as a Node script (container-git/). It imports no
// runtime values from just-bash, so it bundles for Node on its own.
import type { IFileSystem } from 'just-bash';
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

export type GitRepo = GitContext['repo'];

/** Where one `git` invocation runs: its file system, absolute working directory, signal. */
export type GitInvocation = { fs: IFileSystem; cwd: string; signal?: AbortSignal };

/** The repository options with the root normalised (no trailing slash; default `/work`). */
export function gitRepo(options: GitRepoOptions): GitRepo {
	return { ...options, root: (options.root ?? '/work').replace(/\/+$/, '') || '/' };
}

export async function runGit(
	args: string[],
	at: GitInvocation,
	repo: GitRepo,
	cache: StatCache
): Promise<Outcome> {
	try {
		return await dispatch(args, at, repo, cache);
	} catch (error) {
		if (error instanceof UsageError) return fail(`error: ${error.message}\n${USAGE}`, 129);
		if (error instanceof PathspecError) return fatal(error.message);
		throw error;
	}
}

async function dispatch(
	args: string[],
	at: GitInvocation,
	repo: GitRepo,
	cache: StatCache
): Promise<Outcome> {
	let cwd = at.cwd;
	let index = 0;
	for (; index < args.length && args[index]!.startsWith('-'); index++) {
		const arg = args[index]!;
		if (arg === '-C') cwd = at.fs.resolvePath(cwd, args[++index] ?? '.');
		else if (arg === '-c') index++;
		else if (arg === '--version') return ok('git version (patchbay sandbox)\n');
		else if (arg === '--help' || arg === '-h') return ok(USAGE);
		else if (!IGNORED_GLOBALS.has(arg)) return fail(`unknown option: ${arg}\n${USAGE}`, 129);
	}
	const name = args[index];
	if (name === undefined) return fail(USAGE);
	const subcommand = SUBCOMMANDS[name];
	if (!subcommand) return unavailable(name);
	if (!(await at.fs.exists(cwd))) {
		return fatal(`cannot change to '${cwd}': No such file or directory`);
	}
	const prefix = prefixOf(repo.root, cwd);
	if (prefix === null) {
		return fatal('not a git repository (or any of the parent directories): .git');
	}
	let pending: ReturnType<GitContext['worktree']> | undefined;
	const context: GitContext = {
		repo,
		fs: at.fs,
		cwd,
		prefix,
		signal: at.signal,
		worktree: () => (pending ??= readWorktree(repo, at.fs, cache, at.signal))
	};
	return subcommand(args.slice(index + 1), context);
}

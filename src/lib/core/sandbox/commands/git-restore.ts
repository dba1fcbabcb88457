// Bringing files back to the baseline: `git restore <path>`, `git checkout [HEAD] -- <path>`
// and `git reset --hard`. These only write the working tree, which is the agent's to change, so
// they work; new files stay, as in git. Index-only forms (`git reset`, `restore --staged`) have
// nothing to undo here and succeed quietly.
import type { IFileSystem } from 'just-bash';
import type { FileChange } from '../../diff/index.ts';
import { has, parseArgs, valueOf, type OptionSpec } from './args.ts';
import { unavailable } from './git-unavailable.ts';
import { parsePathspecs } from './pathspec.ts';
import { parentDir } from './fs-files.ts';
import { resolveRevision, unknownRevision } from './revisions.ts';
import { commitView, formatCommit } from './commit-format.ts';
import { fail, fatal, ok, type GitContext, type Outcome, type Subcommand } from './types.ts';

const RESTORE: OptionSpec = {
	long: {
		worktree: { key: 'worktree' },
		staged: { key: 'staged' },
		source: { key: 'source', value: 'required' },
		quiet: { key: 'ignored' },
		progress: { key: 'ignored' },
		'no-progress': { key: 'ignored' }
	},
	short: {
		W: { key: 'worktree' },
		S: { key: 'staged' },
		s: { key: 'source', value: 'required' },
		q: { key: 'ignored' }
	}
};

export const restore: Subcommand = async (args, ctx) => {
	const parsed = parseArgs(args, RESTORE);
	const source = valueOf(parsed, 'source');
	if (source !== undefined && !isBaseline(source, ctx)) {
		return unknownRevision(source, ctx.repo.baseline);
	}
	const paths = [...parsed.positionals, ...(parsed.paths ?? [])];
	if (!paths.length) return fatal('you must specify path(s) to restore');
	if (has(parsed, 'staged') && !has(parsed, 'worktree')) return ok('');
	const restored = await restorePaths(paths, ctx);
	return typeof restored === 'number' ? ok('') : restored;
};

export const checkout: Subcommand = async (args, ctx) => {
	const flags = args.filter((arg) => arg.startsWith('-') && arg !== '--');
	if (flags.some((flag) => !['-f', '--force', '-q', '--quiet'].includes(flag))) {
		return unavailable('checkout');
	}
	const dashes = args.indexOf('--');
	const before = (dashes < 0 ? args : args.slice(0, dashes)).filter((a) => !a.startsWith('-'));
	const after = dashes < 0 ? [] : args.slice(dashes + 1);
	const [first, ...others] = before;
	let paths = [...before, ...after];
	if (first !== undefined && isBaseline(first, ctx)) {
		if (!others.length && !after.length) return switchTo(first, ctx);
		paths = [...others, ...after];
	} else if (first !== undefined && dashes >= 0) {
		return unknownRevision(first, ctx.repo.baseline);
	} else if (before.length === 1 && !(await isKnownPath(before[0]!, ctx))) {
		// A single name that is no path is a branch or commit git would switch to.
		return unavailable('checkout');
	}
	if (!paths.length) return ok('');
	const restored = await restorePaths(paths, ctx);
	if (typeof restored !== 'number') return restored;
	return ok('', `Updated ${restored} path${restored === 1 ? '' : 's'} from the index\n`);
};

export const reset: Subcommand = async (args, ctx) => {
	const modes = args.filter((arg) => /^--(hard|soft|mixed|keep|merge)$/.test(arg));
	const rest = args.filter((arg) => !modes.includes(arg) && !['-q', '--quiet', '--'].includes(arg));
	const mode = modes.at(-1) ?? '--mixed';
	if (mode === '--keep' || mode === '--merge') return unavailable('reset');
	const target = rest[0];
	if (mode === '--hard') {
		if (target !== undefined && !isBaseline(target, ctx)) {
			return unknownRevision(target, ctx.repo.baseline);
		}
		const restored = await restorePaths(['.'], { ...ctx, prefix: '' });
		if (typeof restored !== 'number') return restored;
		const line = formatCommit(commitView(ctx.repo), {
			pretty: { kind: 'oneline' },
			date: 'default',
			decorate: false
		});
		return ok(`HEAD is now at ${line}`);
	}
	// --soft and --mixed move HEAD and the index only: with nothing staged, HEAD is all there is.
	if (
		target !== undefined &&
		rest.length === 1 &&
		!isBaseline(target, ctx) &&
		!(await isKnownPath(target, ctx))
	) {
		return unknownRevision(target, ctx.repo.baseline);
	}
	return ok('');
};

function isBaseline(rev: string, ctx: GitContext): boolean {
	return resolveRevision(rev, ctx.repo.baseline)?.kind === 'commit';
}

/** In the working tree, or a tracked file (perhaps deleted since). */
async function isKnownPath(arg: string, ctx: GitContext): Promise<boolean> {
	const spec = parsePathspecs([arg], ctx.prefix, ctx.repo.root);
	if (ctx.repo.baseline.entries.some((entry) => spec.matches(entry.path))) return true;
	return ctx.fs.exists(ctx.fs.resolvePath(ctx.cwd, arg));
}

function switchTo(rev: string, ctx: GitContext): Outcome {
	const { branch } = ctx.repo.baseline;
	if (branch && (rev === branch || rev === 'HEAD')) return ok('', `Already on '${branch}'\n`);
	return unavailable('checkout');
}

/** Writes the baseline version of every changed tracked file the pathspecs match. */
async function restorePaths(args: string[], ctx: GitContext): Promise<number | Outcome> {
	const tracked = ctx.repo.baseline.entries.map((entry) => entry.path);
	for (const arg of args) {
		const spec = parsePathspecs([arg], ctx.prefix, ctx.repo.root);
		if (!tracked.some(spec.matches)) {
			return fail(`error: pathspec '${arg}' did not match any file(s) known to git`);
		}
	}
	const spec = parsePathspecs(args, ctx.prefix, ctx.repo.root);
	const worktree = await ctx.worktree();
	const targets = worktree.tracked.filter((change) => spec.matches(change.path));
	for (const change of targets)
		await writeBaseline(ctx.fs, `${ctx.repo.root}/${change.path}`, change);
	return targets.length;
}

async function writeBaseline(fs: IFileSystem, full: string, change: FileChange): Promise<void> {
	await fs.rm(full, { recursive: true, force: true });
	await fs.mkdir(parentDir(full), { recursive: true });
	const bytes = change.before ?? new Uint8Array();
	if (change.beforeMode === '120000') {
		await fs.symlink(new TextDecoder().decode(bytes), full);
		return;
	}
	await fs.writeFile(full, bytes);
	await fs.chmod(full, change.beforeMode === '100755' ? 0o755 : 0o644);
}

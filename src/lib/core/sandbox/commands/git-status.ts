// `git status`: long (with advice.statusHints off, since the hints name commands this sandbox
// does not have), `--short`/`-s` (paths relative to the working directory) and `--porcelain`
// (paths from the root), `--porcelain=v2`, with `-b`, `-u<mode>`, `-z` and pathspecs. Nothing is
// ever staged.
import { abbrevFor } from './abbrev.ts';
import type { FileChange } from '../../diff/index.ts';
import { has, parseArgs, UsageError, valueOf, type OptionSpec } from './args.ts';
import { statusLetter, type StatusLetter } from './change-status.ts';
import { parsePathspecs } from './pathspec.ts';
import { porcelainV2 } from './status-v2.ts';
import { quoteC, quoteWithSpace } from './quote.ts';
import { indexEntries, relativeTo } from './repo-paths.ts';
import { fail, ok, type GitContext, type Subcommand } from './types.ts';
import { untrackedEntries, type UntrackedMode } from './untracked.ts';

const SPEC: OptionSpec = {
	long: {
		short: { key: 'short' },
		porcelain: { key: 'porcelain', value: 'optional' },
		long: { key: 'long' },
		branch: { key: 'branch' },
		'untracked-files': { key: 'untracked', value: 'optional' },
		renames: { key: 'ignored' },
		'no-renames': { key: 'ignored' },
		'show-stash': { key: 'ignored' },
		'ahead-behind': { key: 'ignored' },
		'no-ahead-behind': { key: 'ignored' }
	},
	short: {
		s: { key: 'short' },
		b: { key: 'branch' },
		u: { key: 'untracked', value: 'optional' },
		z: { key: 'nul' }
	}
};

const LABELS: Record<StatusLetter, string> = {
	M: 'modified:   ',
	D: 'deleted:    ',
	T: 'typechange: ',
	A: 'new file:   ',
	R: 'renamed:    '
};

export type Entry = { letter: StatusLetter; path: string; change: FileChange };
export type Report = { changed: Entry[]; untracked: string[]; mode: UntrackedMode };

export const status: Subcommand = async (args, ctx) => {
	const parsed = parseArgs(args, SPEC);
	const porcelain = valueOf(parsed, 'porcelain');
	const v2 = porcelain === 'v2' || porcelain === '2';
	if (porcelain && porcelain !== 'v1' && porcelain !== '1' && !v2) {
		return fail(`fatal: unsupported porcelain version '${porcelain}'`, 128);
	}
	const nul = has(parsed, 'nul');
	// As in git, -z without a format means --porcelain.
	const form =
		porcelain !== undefined
			? 'porcelain'
			: has(parsed, 'short')
				? 'short'
				: nul
					? 'porcelain'
					: 'long';
	const report = await collect(ctx, [...parsed.positionals, ...(parsed.paths ?? [])], parsed);
	if (form === 'long') return ok(longFormat(ctx, report));
	if (v2) return ok(porcelainV2(ctx, report, { nul, branch: has(parsed, 'branch') }));
	const prefix = form === 'porcelain' ? '' : ctx.prefix;
	const show = (path: string) => (nul ? path : quoteWithSpace(relativeTo(path, prefix)));
	const end = nul ? '\0' : '\n';
	const lines = [
		...(has(parsed, 'branch') ? [`## ${ctx.repo.baseline.branch || 'HEAD (no branch)'}`] : []),
		...report.changed.map((entry) => ` ${entry.letter} ${show(entry.path)}`),
		...report.untracked.map((path) => `?? ${show(path)}`)
	];
	return ok(lines.map((line) => line + end).join(''));
};

async function collect(
	ctx: GitContext,
	pathArgs: string[],
	parsed: ReturnType<typeof parseArgs>
): Promise<Report> {
	const mode = untrackedMode(valueOf(parsed, 'untracked'));
	const spec = parsePathspecs(pathArgs, ctx.prefix, ctx.repo.root);
	const worktree = await ctx.worktree();
	const changed = worktree.tracked
		.filter((change) => spec.matches(change.path))
		.map((change) => ({ letter: statusLetter(change), path: change.path, change }));
	const tracked = indexEntries(ctx.repo.baseline).keys();
	const untracked = untrackedEntries(worktree.untracked.filter(spec.matches), tracked, mode);
	return { changed, untracked, mode };
}

function untrackedMode(value: string | undefined): UntrackedMode {
	if (value === undefined || value === 'normal') return 'normal';
	if (value === '' || value === 'all') return 'all';
	if (value === 'no') return 'no';
	throw new UsageError(`Invalid untracked files mode '${value}'`);
}

function longFormat(ctx: GitContext, report: Report): string {
	const { baseline } = ctx.repo;
	const show = (path: string) => quoteC(relativeTo(path, ctx.prefix));
	const out = [
		baseline.branch
			? `On branch ${baseline.branch}\n`
			: `HEAD detached at ${abbrevFor(baseline).short(baseline.commit)}\n`
	];
	if (report.changed.length) {
		out.push('Changes not staged for commit:\n');
		for (const entry of report.changed) out.push(`\t${LABELS[entry.letter]}${show(entry.path)}\n`);
		out.push('\n');
	}
	if (report.untracked.length) {
		out.push('Untracked files:\n');
		for (const path of report.untracked) out.push(`\t${show(path)}\n`);
		out.push('\n');
	}
	if (report.changed.length) out.push('no changes added to commit\n');
	else if (report.untracked.length)
		out.push('nothing added to commit but untracked files present\n');
	else if (report.mode === 'no') out.push('nothing to commit\n');
	else out.push('nothing to commit, working tree clean\n');
	return out.join('');
}

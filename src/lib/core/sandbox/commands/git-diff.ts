// `git diff`. Plain `git diff` (and `git diff HEAD`) is the working tree against the baseline
// for tracked files, as in a real repository with nothing staged. There is no index here and
// every change is handed in when the task ends, so `--cached`/`--staged` shows what will be
// handed in: every change, new files and renames included, as `git add -A; git diff --cached`.
import type { FileChange } from '../../diff/index.ts';
import { has, parseArgs, valueOf, type OptionSpec, type ParsedArgs } from './args.ts';
import { diffFilter, nameOnly, nameStatus, patchText } from './diff-output.ts';
import { formatNumstat, formatStat, statRows, summaryLine } from './diffstat.ts';
import { parsePathspecs } from './pathspec.ts';
import { isOutcome, splitRevArgs } from './rev-args.ts';
import { fail, ok, type GitContext, type Outcome, type Subcommand } from './types.ts';

const IGNORED = { key: 'ignored' } as const;

const SPEC: OptionSpec = {
	long: {
		cached: { key: 'cached' },
		staged: { key: 'cached' },
		stat: { key: 'stat', value: 'optional' },
		numstat: { key: 'numstat' },
		shortstat: { key: 'shortstat' },
		'name-only': { key: 'name-only' },
		'name-status': { key: 'name-status' },
		quiet: { key: 'quiet' },
		'exit-code': { key: 'exit-code' },
		patch: { key: 'patch' },
		'no-patch': { key: 'no-patch' },
		binary: { key: 'binary' },
		'full-index': { key: 'full-index' },
		'find-renames': { key: 'renames', value: 'optional' },
		'no-renames': { key: 'no-renames' },
		'diff-filter': { key: 'diff-filter', value: 'required' },
		unified: { key: 'unified', value: 'required' },
		'no-index': { key: 'no-index' },
		color: { key: 'ignored', value: 'optional' },
		'no-color': IGNORED,
		'no-ext-diff': IGNORED,
		'no-textconv': IGNORED,
		'ita-invisible-in-index': IGNORED
	},
	short: {
		p: { key: 'patch' },
		u: { key: 'patch' },
		s: { key: 'no-patch' },
		M: { key: 'renames', value: 'optional' },
		U: { key: 'unified', value: 'required' },
		z: { key: 'nul' }
	}
};

export const diff: Subcommand = async (args, ctx) => {
	const parsed = parseArgs(args, SPEC);
	if (has(parsed, 'no-index')) {
		return fail('git: diff --no-index is not available in this sandbox; use diff -u <a> <b>');
	}
	const unified = valueOf(parsed, 'unified');
	if (unified !== undefined && unified !== '3') {
		return fail(`git: only 3 lines of context (-U3) are available in this sandbox`);
	}
	const revArgs = await splitRevArgs(parsed.positionals, parsed.paths, ctx);
	if (isOutcome(revArgs)) return revArgs;
	const between = revArgs.ranges > 0 || revArgs.revisions.length > 1;
	const changes = between ? [] : await selectChanges(parsed, revArgs.paths, ctx);
	return render(changes, parsed);
};

async function selectChanges(parsed: ParsedArgs, paths: string[], ctx: GitContext) {
	const spec = parsePathspecs(paths, ctx.prefix, ctx.repo.root);
	const worktree = await ctx.worktree();
	let changes = has(parsed, 'cached') ? worktree.all : worktree.tracked;
	if (has(parsed, 'no-renames')) changes = splitRenames(changes);
	changes = changes.filter(
		(change) =>
			spec.matches(change.path) || (change.oldPath !== undefined && spec.matches(change.oldPath))
	);
	const filter = valueOf(parsed, 'diff-filter');
	return filter ? diffFilter(changes, filter) : changes;
}

function render(changes: FileChange[], parsed: ParsedArgs): Outcome {
	const differs = changes.length > 0 ? 1 : 0;
	const exitCode = has(parsed, 'quiet') || has(parsed, 'exit-code') ? differs : 0;
	const nul = has(parsed, 'nul');
	if (has(parsed, 'quiet')) return { ...ok(''), exitCode };
	if (has(parsed, 'name-only')) return { ...ok(nameOnly(changes, nul)), exitCode };
	if (has(parsed, 'name-status')) return { ...ok(nameStatus(changes, nul)), exitCode };
	const rows = statRows(changes);
	const parts: string[] = [];
	if (has(parsed, 'numstat')) parts.push(formatNumstat(rows));
	if (has(parsed, 'stat')) parts.push(formatStat(rows, statWidth(valueOf(parsed, 'stat'))));
	if (has(parsed, 'shortstat') && rows.length) parts.push(summaryLine(rows));
	const statLike = parts.length > 0;
	const wantsPatch = has(parsed, 'patch') || (!statLike && !has(parsed, 'no-patch'));
	if (wantsPatch) {
		const patch = patchText(changes, {
			binary: has(parsed, 'binary'),
			fullIndex: has(parsed, 'full-index')
		});
		// git separates the stat from the patch with an empty line.
		if (statLike && patch && parts.join('')) parts.push('\n');
		parts.push(patch);
	}
	return { ...ok(parts.join('')), exitCode };
}

function statWidth(value: string | undefined): number {
	const width = Number.parseInt(value ?? '', 10);
	return Number.isFinite(width) && width > 0 ? width : 80;
}

/** `--no-renames`: a rename becomes the deletion of the old path and the addition of the new. */
function splitRenames(changes: FileChange[]): FileChange[] {
	return changes
		.flatMap((change): FileChange[] => {
			if (change.oldPath === undefined || change.oldPath === change.path) return [change];
			const { before, beforeMode, beforeOid, after, afterMode, afterOid, binary } = change;
			return [
				{ path: change.oldPath, before, beforeMode, beforeOid, after: null, binary },
				{ path: change.path, before: null, after, afterMode, afterOid, binary }
			];
		})
		.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

// `git diff`. Plain `git diff` (and `git diff HEAD`) is the working tree against the baseline
// for tracked files, as in a real repository with nothing staged. There is no index here and
// every change is handed in when the task ends, so `--cached`/`--staged` shows what will be
// handed in: every change, new files and renames included, as `git add -A; git diff --cached`.
import type { FileChange } from '../../diff/index.ts';
import { abbrevFor } from './abbrev.ts';
import { has, parseArgs, valueOf, type OptionSpec, type ParsedArgs } from './args.ts';
import { diffFilter } from './diff-output.ts';
import { DIFF_FORMAT_OPTIONS, renderDiff } from './diff-render.ts';
import { parsePathspecs } from './pathspec.ts';
import { isOutcome, splitRevArgs } from './rev-args.ts';
import { byteOutput, fail, ok, type GitContext, type Outcome, type Subcommand } from './types.ts';

const IGNORED = { key: 'ignored' } as const;

const SPEC: OptionSpec = {
	long: {
		...DIFF_FORMAT_OPTIONS,
		cached: { key: 'cached' },
		staged: { key: 'cached' },
		quiet: { key: 'quiet' },
		'exit-code': { key: 'exit-code' },
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
	return render(changes, parsed, ctx);
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

function render(changes: FileChange[], parsed: ParsedArgs, ctx: GitContext): Outcome {
	const differs = changes.length > 0 ? 1 : 0;
	const exitCode = has(parsed, 'quiet') || has(parsed, 'exit-code') ? differs : 0;
	if (has(parsed, 'quiet')) return { ...ok(''), exitCode };
	const text = renderDiff(changes, parsed, {
		abbrev: abbrevFor(ctx.repo.baseline).length,
		nul: has(parsed, 'nul'),
		patchByDefault: true
	});
	return { ...byteOutput(text), exitCode };
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

// `git log`: the sandbox holds the baseline commit only, as a depth-1 clone does, so a log is
// that one commit (or nothing, for `-n 0` or a range between two names of it). Its changes
// (`-p`, `--stat`, …) are those of a root commit: every file added, as git shows a shallow
// clone's commit.
import { abbrevFor } from './abbrev.ts';
import { has, parseArgs, UsageError, valueOf, type OptionSpec, type ParsedArgs } from './args.ts';
import { baselineAsAdded } from './commit-diff.ts';
import { commitView, formatCommit, type FormatOptions, type Pretty } from './commit-format.ts';
import { DIFF_FORMAT_OPTIONS, renderDiff, wantsDiff, wantsPatch } from './diff-render.ts';
import { dateStyle } from './git-date.ts';
import { isOutcome, splitRevArgs } from './rev-args.ts';
import { byteOutput, utf8Bytes, type GitContext, type Subcommand } from './types.ts';

const IGNORED = { key: 'ignored' } as const;

/** Options `git log` and `git show` share. */
export const PRETTY_OPTIONS: NonNullable<OptionSpec['long']> = {
	oneline: { key: 'oneline' },
	format: { key: 'format', value: 'required' },
	pretty: { key: 'pretty', value: 'optional' },
	decorate: { key: 'decorate', value: 'optional' },
	'no-decorate': { key: 'no-decorate' },
	date: { key: 'date', value: 'required' },
	...DIFF_FORMAT_OPTIONS,
	'abbrev-commit': IGNORED,
	'no-abbrev-commit': IGNORED,
	color: { key: 'ignored', value: 'optional' },
	'no-color': IGNORED
};

const SPEC: OptionSpec = {
	long: {
		...PRETTY_OPTIONS,
		'max-count': { key: 'count', value: 'required' },
		all: IGNORED,
		graph: IGNORED,
		'no-merges': IGNORED,
		'first-parent': IGNORED,
		reverse: IGNORED,
		follow: IGNORED
	},
	short: {
		n: { key: 'count', value: 'required' },
		p: { key: 'patch' },
		u: { key: 'patch' },
		s: { key: 'no-patch' },
		z: { key: 'nul' }
	},
	numeric: 'count'
};

export const log: Subcommand = async (args, ctx) => {
	const parsed = parseArgs(args, SPEC);
	const revArgs = await splitRevArgs(parsed.positionals, parsed.paths, ctx);
	if (isOutcome(revArgs)) return revArgs;
	const count = Number(valueOf(parsed, 'count') ?? '1');
	if (!Number.isInteger(count)) {
		throw new UsageError(`'${valueOf(parsed, 'count')}': not an integer`);
	}
	const none = count === 0 || (revArgs.ranges > 0 && revArgs.revisions.length === 0);
	return byteOutput(none ? '' : await commitWithChanges(ctx, parsed, false));
};

/**
 * The commit as log/show print it (one char a byte, for byteOutput), and after it its changes when asked for (show asks by
 * default): an empty line between them, or `---` when both a stat and the patch follow
 * (log-tree.c's log_tree_diff_flush); nothing between for oneline.
 */
export async function commitWithChanges(
	ctx: GitContext,
	parsed: ParsedArgs,
	patchByDefault: boolean
): Promise<string> {
	const options = formatOptions(parsed);
	const text = utf8Bytes(formatCommit(commitView(ctx.repo), options));
	if (!wantsDiff(parsed) && !wantsPatch(parsed, patchByDefault)) return text;
	const diff = renderDiff(await baselineAsAdded(ctx), parsed, {
		abbrev: abbrevFor(ctx.repo.baseline).length,
		nul: has(parsed, 'nul'),
		patchByDefault
	});
	if (!diff) return text;
	const { pretty } = options;
	const bare = pretty.kind === 'oneline' || (pretty.kind === 'format' && !pretty.template);
	if (bare) return text + diff;
	const dashes = has(parsed, 'stat') && wantsPatch(parsed, patchByDefault);
	return `${text}${dashes ? '---' : ''}\n${diff}`;
}

export function formatOptions(parsed: ParsedArgs): FormatOptions {
	const style = dateStyle(valueOf(parsed, 'date') ?? 'default');
	if (!style) throw new UsageError(`unknown date format ${valueOf(parsed, 'date')}`);
	return {
		pretty: prettyOf(parsed),
		date: style,
		decorate: has(parsed, 'decorate') && !has(parsed, 'no-decorate')
	};
}

function prettyOf(parsed: ParsedArgs): Pretty {
	if (has(parsed, 'oneline')) return { kind: 'oneline' };
	const format = valueOf(parsed, 'format');
	if (format !== undefined) {
		return named(format) ?? { kind: 'format', template: format, terminator: true };
	}
	const pretty = valueOf(parsed, 'pretty');
	if (pretty === undefined || pretty === '') return { kind: 'medium' };
	if (pretty.startsWith('format:')) {
		return { kind: 'format', template: pretty.slice(7), terminator: false };
	}
	if (pretty.startsWith('tformat:')) {
		return { kind: 'format', template: pretty.slice(8), terminator: true };
	}
	return named(pretty) ?? { kind: 'format', template: pretty, terminator: true };
}

function named(name: string): Pretty | null {
	if (name === 'oneline') return { kind: 'oneline' };
	if (name === 'short' || name === 'medium' || name === 'full' || name === 'fuller') {
		return { kind: name };
	}
	return null;
}

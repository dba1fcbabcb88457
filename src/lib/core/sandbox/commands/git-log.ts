// `git log`: the sandbox holds the baseline commit only, so a log is that one commit (or nothing,
// for `-n 0` or a range between two names of it). Options that would show the commit's own
// changes cannot: its parent is not here, and a note says so.
import { has, parseArgs, UsageError, valueOf, type OptionSpec, type ParsedArgs } from './args.ts';
import { commitView, formatCommit, type FormatOptions, type Pretty } from './commit-format.ts';
import { dateStyle } from './git-date.ts';
import { isOutcome, splitRevArgs } from './rev-args.ts';
import { ok, type Subcommand } from './types.ts';

const IGNORED = { key: 'ignored' } as const;
const CHANGES = { key: 'changes' } as const;

/** Options `git log` and `git show` share. */
export const PRETTY_OPTIONS: NonNullable<OptionSpec['long']> = {
	oneline: { key: 'oneline' },
	format: { key: 'format', value: 'required' },
	pretty: { key: 'pretty', value: 'optional' },
	decorate: { key: 'decorate', value: 'optional' },
	'no-decorate': { key: 'no-decorate' },
	date: { key: 'date', value: 'required' },
	stat: { key: 'changes', value: 'optional' },
	patch: CHANGES,
	'name-only': CHANGES,
	'name-status': CHANGES,
	numstat: CHANGES,
	shortstat: CHANGES,
	'abbrev-commit': IGNORED,
	'no-abbrev-commit': IGNORED,
	color: { key: 'ignored', value: 'optional' },
	'no-color': IGNORED,
	'no-patch': { key: 'no-patch' }
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
	short: { n: { key: 'count', value: 'required' }, p: CHANGES, s: { key: 'no-patch' } },
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
	const text = none ? '' : formatCommit(commitView(ctx.repo), formatOptions(parsed));
	return ok(text, has(parsed, 'changes') && !none ? PARENT_NOTE : '');
};

export const PARENT_NOTE =
	"note: the baseline commit's parent is not in this sandbox, so its changes cannot be shown; " +
	'`git diff` shows the changes made since.\n';

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
	if (name === 'short') return { kind: 'short' };
	// full and fuller add a committer, who is the author here.
	if (['medium', 'full', 'fuller'].includes(name)) return { kind: 'medium' };
	return null;
}

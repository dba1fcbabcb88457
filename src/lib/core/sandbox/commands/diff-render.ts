// The output formats `git diff`, `git log` and `git show` share, in the order git's diff_flush
// writes them: names, then numstat/stat/shortstat, then the summary, then (after an empty line
// when something came before) the patch.
import type { FileChange } from '../../diff/index.ts';
import { has, valueOf, type OptionSpec, type ParsedArgs } from './args.ts';
import { nameOnly, nameStatus, patchText } from './diff-output.ts';
import { formatNumstat, formatStat, statRows, summaryLine } from './diffstat.ts';
import { summaryText } from './diff-summary.ts';
import { utf8Bytes } from './types.ts';

/** The diff format options, as the three commands spell them. */
export const DIFF_FORMAT_OPTIONS: NonNullable<OptionSpec['long']> = {
	stat: { key: 'stat', value: 'optional' },
	numstat: { key: 'numstat' },
	shortstat: { key: 'shortstat' },
	summary: { key: 'summary' },
	'name-only': { key: 'name-only' },
	'name-status': { key: 'name-status' },
	patch: { key: 'patch' },
	'no-patch': { key: 'no-patch' },
	binary: { key: 'binary' },
	'full-index': { key: 'full-index' }
};

export type RenderOptions = { abbrev: number; nul: boolean };

/** True when the options ask for any diff output (so `git log` shows the commit's changes). */
export function wantsDiff(parsed: ParsedArgs): boolean {
	if (has(parsed, 'no-patch')) return false;
	return ['stat', 'numstat', 'shortstat', 'summary', 'name-only', 'name-status', 'patch'].some(
		(key) => has(parsed, key)
	);
}

/** True when the patch itself is among the outputs (`-p`, or no other format asked for). */
export function wantsPatch(parsed: ParsedArgs, byDefault: boolean): boolean {
	if (has(parsed, 'no-patch')) return false;
	if (has(parsed, 'patch')) return true;
	const other = ['stat', 'numstat', 'shortstat', 'summary', 'name-only', 'name-status'];
	return byDefault && !other.some((key) => has(parsed, key));
}

/** The formats asked for, one char a byte (see patchText): write it out with byteOutput. */
export function renderDiff(
	changes: FileChange[],
	parsed: ParsedArgs,
	options: RenderOptions & { patchByDefault: boolean }
): string {
	const { nul } = options;
	const parts: string[] = [];
	if (has(parsed, 'name-only')) parts.push(utf8Bytes(nameOnly(changes, nul)));
	else if (has(parsed, 'name-status')) parts.push(utf8Bytes(nameStatus(changes, nul)));
	const wantStats = ['numstat', 'stat', 'shortstat'].some((key) => has(parsed, key));
	const rows = wantStats ? statRows(changes) : [];
	if (has(parsed, 'numstat')) parts.push(formatNumstat(rows));
	if (has(parsed, 'stat')) parts.push(formatStat(rows, statWidth(valueOf(parsed, 'stat'))));
	if (has(parsed, 'shortstat') && rows.length) parts.push(summaryLine(rows));
	if (has(parsed, 'summary')) parts.push(summaryText(changes));
	if (wantsPatch(parsed, options.patchByDefault)) {
		const patch = patchText(changes, {
			binary: has(parsed, 'binary'),
			fullIndex: has(parsed, 'full-index'),
			abbrev: options.abbrev
		});
		// git separates the stat from the patch with an empty line.
		if (patch && parts.join('')) parts.push('\n');
		parts.push(patch);
	}
	return parts.join('');
}

function statWidth(value: string | undefined): number {
	const width = Number.parseInt(value ?? '', 10);
	return Number.isFinite(width) && width > 0 ? width : 80;
}

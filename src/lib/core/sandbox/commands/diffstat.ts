// `--stat`, `--shortstat` and `--numstat`, laid out as git's diff.c lays them out for output
// that is not a terminal (80 columns): the same name truncation and graph scaling.
import { diffStats, type FileChange } from '../../diff/index.ts';
import { quoteC } from './quote.ts';

export type StatRow = {
	/** As printed: quoted, `old => new` for a rename. */
	name: string;
	/** Lines, or for a binary file its new and old size in bytes. */
	added: number;
	deleted: number;
	binary: boolean;
};

export function statRows(changes: FileChange[]): StatRow[] {
	// Counted as git counts: text in any encoding has lines; binary is a NUL near the start.
	return diffStats(changes, { bytes: true }).map((stat, i) => {
		const change = changes[i]!;
		const name = stat.oldPath ? renameName(stat.oldPath, stat.path) : quoteC(stat.path);
		if (!stat.binary) {
			return { name, added: stat.additions, deleted: stat.deletions, binary: false };
		}
		// A binary file renamed unchanged is plain `Bin`: git counts no bytes for same contents.
		if (sameContent(change)) return { name, added: 0, deleted: 0, binary: true };
		const added = change.after?.length ?? 0;
		return { name, added, deleted: change.before?.length ?? 0, binary: true };
	});
}

function sameContent(change: FileChange): boolean {
	if (change.beforeOid !== undefined && change.afterOid !== undefined) {
		return change.beforeOid === change.afterOid;
	}
	const { before, after } = change;
	return (
		!!before && !!after && before.length === after.length && before.every((b, i) => b === after[i])
	);
}

export function formatStat(rows: StatRow[], totalWidth = 80): string {
	if (rows.length === 0) return '';
	const { nameWidth, graphWidth, numberWidth, maxChange } = layout(rows, totalWidth);
	const scale = (n: number) => (n ? 1 + Math.floor((n * (graphWidth - 1)) / maxChange) : 0);
	const out = rows.map((row) => {
		const name = fitName(row.name, nameWidth);
		if (row.binary) {
			const sizes = row.added || row.deleted ? ` ${row.deleted} -> ${row.added} bytes` : '';
			return ` ${name} | ${'Bin'.padStart(numberWidth)}${sizes}\n`;
		}
		let add = row.added;
		let del = row.deleted;
		if (graphWidth <= maxChange) {
			let total = scale(add + del);
			if (total < 2 && add && del) total = 2;
			if (add < del) {
				add = scale(add);
				del = total - add;
			} else {
				del = scale(del);
				add = total - del;
			}
		}
		const count = String(row.added + row.deleted).padStart(numberWidth);
		const gap = row.added + row.deleted ? ' ' : '';
		return ` ${name} | ${count}${gap}${'+'.repeat(add)}${'-'.repeat(del)}\n`;
	});
	return out.join('') + summaryLine(rows);
}

type Layout = { nameWidth: number; graphWidth: number; numberWidth: number; maxChange: number };

/** diff.c's show_stats: give the name what it wants unless name + graph overflow the width. */
function layout(rows: StatRow[], totalWidth: number): Layout {
	let maxLen = 0;
	let maxChange = 0;
	let binWidth = 0;
	let numberWidth = 0;
	for (const row of rows) {
		maxLen = Math.max(maxLen, row.name.length);
		if (row.binary) {
			binWidth = Math.max(binWidth, 14 + digits(row.added) + digits(row.deleted));
			numberWidth = 3;
		} else maxChange = Math.max(maxChange, row.added + row.deleted);
	}
	numberWidth = Math.max(numberWidth, digits(maxChange));
	const width = Math.max(totalWidth, 16 + 6 + numberWidth);
	let graphWidth = maxChange + 4 > binWidth ? maxChange : binWidth - 4;
	let nameWidth = maxLen;
	if (nameWidth + numberWidth + 6 + graphWidth > width) {
		const graphShare = Math.floor((width * 3) / 8) - numberWidth - 6;
		if (graphWidth > graphShare) graphWidth = Math.max(graphShare, 6);
		if (nameWidth > width - numberWidth - 6 - graphWidth) {
			nameWidth = width - numberWidth - 6 - graphWidth;
		} else graphWidth = width - numberWidth - 6 - nameWidth;
	}
	return { nameWidth, graphWidth, numberWidth, maxChange };
}

/** A name longer than its column keeps its end, cut at a slash, behind `...`. */
function fitName(name: string, width: number): string {
	if (name.length <= width) return name.padEnd(width);
	const room = Math.max(width - 3, 0);
	let tail = name.slice(name.length - room);
	const slash = tail.indexOf('/');
	if (slash >= 0) tail = tail.slice(slash);
	return `...${tail}`.padEnd(width);
}

export function summaryLine(rows: StatRow[]): string {
	const files = rows.length;
	if (files === 0) return ' 0 files changed\n';
	const text = rows.filter((row) => !row.binary);
	const insertions = text.reduce((sum, row) => sum + row.added, 0);
	const deletions = text.reduce((sum, row) => sum + row.deleted, 0);
	let line = ` ${files} file${files === 1 ? '' : 's'} changed`;
	if (insertions || !deletions)
		line += `, ${insertions} insertion${insertions === 1 ? '' : 's'}(+)`;
	if (deletions || !insertions) line += `, ${deletions} deletion${deletions === 1 ? '' : 's'}(-)`;
	return `${line}\n`;
}

export function formatNumstat(rows: StatRow[]): string {
	return rows
		.map((row) =>
			row.binary ? `-\t-\t${row.name}\n` : `${row.added}\t${row.deleted}\t${row.name}\n`
		)
		.join('');
}

/** diff.c's pprint_rename: `dir/{old => new}.txt`, sharing the common prefix and suffix. */
export function renameName(from: string, to: string): string {
	const a = quoteC(from);
	const b = quoteC(to);
	if (a !== from || b !== to) return `${a} => ${b}`;
	let prefix = 0;
	for (let i = 0; i < a.length && i < b.length && a[i] === b[i]; i++) {
		if (a[i] === '/') prefix = i + 1;
	}
	let suffix = 0;
	const floor = prefix ? prefix - 1 : 0;
	for (
		let i = a.length - 1, j = b.length - 1;
		i >= floor && j >= floor && a[i] === b[j];
		i--, j--
	) {
		if (a[i] === '/') suffix = a.length - i;
	}
	const midA = a.slice(prefix, Math.max(a.length - suffix, prefix));
	const midB = b.slice(prefix, Math.max(b.length - suffix, prefix));
	if (!prefix && !suffix) return `${midA} => ${midB}`;
	return `${a.slice(0, prefix)}{${midA} => ${midB}}${a.slice(a.length - suffix)}`;
}

function digits(n: number): number {
	return String(n).length;
}

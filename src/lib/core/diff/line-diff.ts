import { slideGroups } from './compact.ts';
import { bogoSqrt, compareSequences, type Changed } from './myers.ts';

/** Splits text into lines that keep their '\n' (and any '\r'), so joining them is lossless. */
export function splitLines(text: string): string[] {
	const lines: string[] = [];
	let start = 0;
	for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
		lines.push(text.slice(start, end + 1));
		start = end + 1;
	}
	if (start < text.length) lines.push(text.slice(start));
	return lines;
}

/** xdiff's XDL_MAX_EQLIMIT: a line this common on the other side is always "multimatch". */
const MAX_EQ_LIMIT = 1024;
/** xdl_clean_mmatch's window and its keep-ratio (XDL_SIMSCAN_WINDOW, XDL_KPDIS_RUN). */
const SIMSCAN_WINDOW = 100;
const KPDIS_RUN = 4;

/**
 * Which lines of each side are not common, as `git diff` (Myers, indent heuristic on) decides.
 * Prepared as xdiff's xprepare.c does before Myers runs: the common head and tail are cut
 * (xdl_trim_ends); a line with no equal on the other side is marked changed, and so is a line
 * with many equals (√N or more) that sits in a run of such lines (xdl_cleanup_records,
 * xdl_clean_mmatch), which keeps scattered edits in a big file cheap. Then Myers on what is
 * left, then the change groups slid as xdl_change_compact slides them (compact.ts).
 */
export function diffLineArrays(oldLines: string[], newLines: string[]): Changed {
	const ids = new Map<string, number>();
	const countsA: number[] = [];
	const countsB: number[] = [];
	const classify = (lines: string[], counts: number[], other: number[]) =>
		Int32Array.from(lines, (line) => {
			let id = ids.get(line);
			if (id === undefined) {
				ids.set(line, (id = ids.size));
				counts.push(0);
				other.push(0);
			}
			counts[id]!++;
			return id;
		});
	const a = classify(oldLines, countsA, countsB);
	const b = classify(newLines, countsB, countsA);
	const shorter = Math.min(a.length, b.length);
	let head = 0;
	while (head < shorter && a[head] === b[head]) head++;
	let tail = 0;
	while (tail < shorter - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
	// One slot either side (xdiff's rchg sentinels) so group walks need no bounds checks.
	const changedA = new Uint8Array(a.length + 2);
	const changedB = new Uint8Array(b.length + 2);
	const keptA = keep(a, head, a.length - tail, countsB, changedA);
	const keptB = keep(b, head, b.length - tail, countsA, changedB);
	const inner = compareSequences(keptA.ids, keptB.ids);
	inner.changedA.forEach((changed, i) => (changedA[keptA.at[i]! + 1] = changed));
	inner.changedB.forEach((changed, i) => (changedB[keptB.at[i]! + 1] = changed));
	slideGroups({ ids: a, lines: oldLines, changed: changedA }, { changed: changedB });
	slideGroups({ ids: b, lines: newLines, changed: changedB }, { changed: changedA });
	return {
		changedA: changedA.subarray(1, a.length + 1),
		changedB: changedB.subarray(1, b.length + 1)
	};
}

/**
 * xdl_cleanup_records for one side's middle [start, end): the lines Myers gets, with their
 * line numbers; the rest are marked changed (in `changed`, offset by its sentinel).
 */
function keep(ids: Int32Array, start: number, end: number, other: number[], changed: Uint8Array) {
	const limit = Math.min(bogoSqrt(ids.length), MAX_EQ_LIMIT);
	// 0: no equal on the other side; 1: a few; 2: many.
	const kind = new Uint8Array(ids.length);
	for (let i = start; i < end; i++) {
		const matches = other[ids[i]!]!;
		kind[i] = matches === 0 ? 0 : matches >= limit ? 2 : 1;
	}
	const kept: number[] = [];
	const at: number[] = [];
	for (let i = start; i < end; i++) {
		if (kind[i] === 1 || (kind[i] === 2 && !inDiscardedRun(kind, i, start, end - 1))) {
			kept.push(ids[i]!);
			at.push(i);
		} else changed[i + 1] = 1;
	}
	return { ids: Int32Array.from(kept), at };
}

/**
 * xdl_clean_mmatch: a multimatch line is dropped when the runs of unmatched or multimatch lines
 * around it (up to 100 lines each way) hold unmatched lines on both sides and multimatch lines
 * make up less than a quarter of them.
 */
function inDiscardedRun(kind: Uint8Array, i: number, first: number, last: number): boolean {
	const lo = Math.max(first, i - SIMSCAN_WINDOW);
	const hi = Math.min(last, i + SIMSCAN_WINDOW);
	let before = 0;
	let multiBefore = 1;
	for (let j = i - 1; j >= lo && kind[j] !== 1; j--) {
		if (kind[j] === 0) before++;
		else multiBefore++;
	}
	if (before === 0) return false;
	let after = 0;
	let multiAfter = 1;
	for (let j = i + 1; j <= hi && kind[j] !== 1; j++) {
		if (kind[j] === 0) after++;
		else multiAfter++;
	}
	if (after === 0) return false;
	const multi = multiBefore + multiAfter;
	return multi * KPDIS_RUN < multi + before + after;
}

import { headingFinder } from './hunk-heading.ts';

/**
 * A unified-diff hunk. Each line starts with ' ', '-' or '+' and keeps its own line end; a
 * line without '\n' is a side's last line without a trailing newline.
 */
export type Hunk = {
	oldStart: number;
	oldCount: number;
	newStart: number;
	newCount: number;
	/** The text git prints after the second '@@': the enclosing function's first line. */
	heading: string;
	lines: string[];
};

/** A run of changed lines: old[aStart, aEnd) became new[bStart, bEnd). */
type Edit = { aStart: number; aEnd: number; bStart: number; bEnd: number };

export function buildHunks(
	oldLines: string[],
	newLines: string[],
	changedA: Uint8Array,
	changedB: Uint8Array,
	context = 3,
	/** Lines hold one char a byte (see fileDiffs). */
	bytes = false
): Hunk[] {
	const edits = collectEdits(changedA, changedB);
	const hunks: Hunk[] = [];
	const headingAt = edits.length > 0 ? headingFinder(oldLines, bytes) : () => '';
	for (let first = 0; first < edits.length;) {
		let last = first;
		// Edits closer than two contexts share a hunk, as in diff -U3.
		while (last + 1 < edits.length && edits[last + 1]!.aStart - edits[last]!.aEnd <= 2 * context) {
			last++;
		}
		const hunk = toHunk(oldLines, newLines, edits.slice(first, last + 1), context);
		hunks.push({
			...hunk,
			heading: headingAt(edits[first]!.aStart - Math.min(context, edits[first]!.aStart))
		});
		first = last + 1;
	}
	return hunks;
}

function collectEdits(changedA: Uint8Array, changedB: Uint8Array): Edit[] {
	const edits: Edit[] = [];
	let i = 0;
	let j = 0;
	while (i < changedA.length || j < changedB.length) {
		if (i < changedA.length && j < changedB.length && !changedA[i] && !changedB[j]) {
			i++;
			j++;
			continue;
		}
		const edit = { aStart: i, aEnd: i, bStart: j, bEnd: j };
		while (i < changedA.length && changedA[i]) i++;
		while (j < changedB.length && changedB[j]) j++;
		edits.push({ ...edit, aEnd: i, bEnd: j });
	}
	return edits;
}

function toHunk(
	oldLines: string[],
	newLines: string[],
	edits: Edit[],
	context: number
): Omit<Hunk, 'heading'> {
	const first = edits[0]!;
	const last = edits[edits.length - 1]!;
	const lead = Math.min(context, first.aStart);
	const trail = Math.min(context, oldLines.length - last.aEnd);
	const lines: string[] = [];
	let a = first.aStart - lead;
	for (const edit of edits) {
		for (; a < edit.aStart; a++) lines.push(` ${oldLines[a]}`);
		for (let k = edit.aStart; k < edit.aEnd; k++) lines.push(`-${oldLines[k]}`);
		for (let k = edit.bStart; k < edit.bEnd; k++) lines.push(`+${newLines[k]}`);
		a = edit.aEnd;
	}
	for (; a < last.aEnd + trail; a++) lines.push(` ${oldLines[a]}`);
	const oldCount = last.aEnd + trail - (first.aStart - lead);
	const newCount = last.bEnd + trail - (first.bStart - lead);
	return {
		// git prints the line before the hunk when a side is empty: @@ -0,0 +1,3 @@.
		oldStart: oldCount === 0 ? first.aStart - lead : first.aStart - lead + 1,
		oldCount,
		newStart: newCount === 0 ? first.bStart - lead : first.bStart - lead + 1,
		newCount,
		lines
	};
}

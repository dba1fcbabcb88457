import { compareSequences, type Changed } from './myers.ts';

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

/**
 * Which lines of each side are not common. The common head and tail are cut first, and lines
 * that occur on one side only are marked before Myers runs: they cannot be in any common
 * subsequence, and dropping them keeps scattered edits in a big file cheap (as xdiff does).
 */
export function diffLineArrays(oldLines: string[], newLines: string[]): Changed {
	const changedA = new Uint8Array(oldLines.length);
	const changedB = new Uint8Array(newLines.length);
	let head = 0;
	const shorter = Math.min(oldLines.length, newLines.length);
	while (head < shorter && oldLines[head] === newLines[head]) head++;
	let tail = 0;
	while (
		tail < shorter - head &&
		oldLines[oldLines.length - 1 - tail] === newLines[newLines.length - 1 - tail]
	) {
		tail++;
	}
	const ids = new Map<string, number>();
	const intern = (line: string) => {
		let id = ids.get(line);
		if (id === undefined) ids.set(line, (id = ids.size));
		return id;
	};
	const a = oldLines.slice(head, oldLines.length - tail).map(intern);
	const b = newLines.slice(head, newLines.length - tail).map(intern);
	const inA = new Uint8Array(ids.size);
	const inB = new Uint8Array(ids.size);
	for (const id of a) inA[id] = 1;
	for (const id of b) inB[id] = 1;
	const keptA = keep(a, inB, changedA, head);
	const keptB = keep(b, inA, changedB, head);
	const inner = compareSequences(keptA.ids, keptB.ids);
	inner.changedA.forEach((changed, i) => (changedA[keptA.at[i]!] = changed));
	inner.changedB.forEach((changed, i) => (changedB[keptB.at[i]!] = changed));
	return { changedA, changedB };
}

/** The ids present on the other side, with their line numbers; marks the rest changed. */
function keep(ids: number[], other: Uint8Array, changed: Uint8Array, head: number) {
	const kept: number[] = [];
	const at: number[] = [];
	ids.forEach((id, i) => {
		if (other[id]) {
			kept.push(id);
			at.push(head + i);
		} else changed[head + i] = 1;
	});
	return { ids: Int32Array.from(kept), at };
}

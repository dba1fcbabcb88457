/**
 * Sliding change groups as git's xdiff does after Myers (xdiffi.c's xdl_change_compact, with
 * the indent heuristic git turns on by default): a run of added or deleted lines that could sit
 * higher or lower, because the line above it equals its last line, is first slid as far as it
 * goes both ways (merging with groups it bumps into); then it is put back level with a change on
 * the other side if it can be, else where the indent heuristic scores the two split points best
 * (Michael Haggerty's weights: blank lines around a split, and the indent of the lines near it).
 *
 * `changed` arrays carry one sentinel slot either side: index i + 1 is line i.
 */
export type CompactSide = { ids: Int32Array; lines: string[]; changed: Uint8Array };

type Group = { start: number; end: number };

const MAX_INDENT = 200;
const MAX_BLANKS = 20;
const INDENT_HEURISTIC_MAX_SLIDING = 100;
const START_OF_FILE_PENALTY = 1;
const END_OF_FILE_PENALTY = 21;
const TOTAL_BLANK_WEIGHT = -30;
const POST_BLANK_WEIGHT = 6;
const RELATIVE_INDENT_PENALTY = -4;
const RELATIVE_INDENT_WITH_BLANK_PENALTY = 10;
const RELATIVE_OUTDENT_PENALTY = 24;
const RELATIVE_OUTDENT_WITH_BLANK_PENALTY = 17;
const RELATIVE_DEDENT_PENALTY = 23;
const RELATIVE_DEDENT_WITH_BLANK_PENALTY = 17;
const INDENT_WEIGHT = 60;

export function slideGroups(side: CompactSide, other: { changed: Uint8Array }): void {
	const n = side.ids.length;
	const on = other.changed.length - 2;
	const ch = side.changed;
	const och = other.changed;
	const indents = new Int16Array(n).fill(-2);
	const indentOf = (i: number) =>
		indents[i] === -2 ? (indents[i] = indent(side.lines[i]!)) : indents[i]!;
	const g = firstGroup(ch);
	const go = firstGroup(och);
	const slideUp = () => {
		if (g.start === 0 || side.ids[g.start - 1] !== side.ids[g.end - 1]) return false;
		ch[--g.start + 1] = 1;
		ch[--g.end + 1] = 0;
		while (ch[g.start]) g.start--;
		return true;
	};
	const slideDown = () => {
		if (g.end >= n || side.ids[g.start] !== side.ids[g.end]) return false;
		ch[g.start++ + 1] = 0;
		ch[g.end++ + 1] = 1;
		while (ch[g.end + 1]) g.end++;
		return true;
	};
	for (;;) {
		if (g.end !== g.start) {
			let groupSize: number;
			let earliestEnd: number;
			let endMatchingOther: number;
			do {
				groupSize = g.end - g.start;
				endMatchingOther = -1;
				while (slideUp()) previousGroup(och, go);
				earliestEnd = g.end;
				if (go.end > go.start) endMatchingOther = g.end;
				while (slideDown()) {
					nextGroup(och, on, go);
					if (go.end > go.start) endMatchingOther = g.end;
				}
			} while (groupSize !== g.end - g.start);
			if (g.end === earliestEnd) {
				// It cannot move.
			} else if (endMatchingOther !== -1) {
				while (go.end === go.start) {
					slideUp();
					previousGroup(och, go);
				}
			} else {
				const best = bestShift(g.end, groupSize, earliestEnd, n, indentOf);
				while (g.end > best) {
					slideUp();
					previousGroup(och, go);
				}
			}
		}
		if (g.end === n) break;
		nextGroup(ch, n, g);
		nextGroup(och, on, go);
	}
}

function firstGroup(changed: Uint8Array): Group {
	const g = { start: 0, end: 0 };
	while (changed[g.end + 1]) g.end++;
	return g;
}

function nextGroup(changed: Uint8Array, n: number, g: Group): void {
	if (g.end === n) return;
	g.start = g.end + 1;
	for (g.end = g.start; changed[g.end + 1]; g.end++);
}

function previousGroup(changed: Uint8Array, g: Group): void {
	if (g.start === 0) return;
	g.end = g.start - 1;
	for (g.start = g.end; changed[g.start]; g.start--);
}

/** The group's end, among those it can slide to, whose two split points score best. */
function bestShift(
	end: number,
	groupSize: number,
	earliestEnd: number,
	n: number,
	indentOf: (i: number) => number
): number {
	let shift = Math.max(earliestEnd, end - groupSize - 1, end - INDENT_HEURISTIC_MAX_SLIDING);
	let best = -1;
	let bestScore = { effectiveIndent: 0, penalty: 0 };
	for (; shift <= end; shift++) {
		const score = { effectiveIndent: 0, penalty: 0 };
		addSplitScore(measureSplit(shift, n, indentOf), score);
		addSplitScore(measureSplit(shift - groupSize, n, indentOf), score);
		if (best === -1 || compareScores(score, bestScore) <= 0) {
			bestScore = score;
			best = shift;
		}
	}
	return best;
}

type Measurement = {
	endOfFile: boolean;
	indent: number;
	preBlank: number;
	preIndent: number;
	postBlank: number;
	postIndent: number;
};

function measureSplit(split: number, n: number, indentOf: (i: number) => number): Measurement {
	const m: Measurement = {
		endOfFile: split >= n,
		indent: split >= n ? -1 : indentOf(split),
		preBlank: 0,
		preIndent: -1,
		postBlank: 0,
		postIndent: -1
	};
	for (let i = split - 1; i >= 0; i--) {
		m.preIndent = indentOf(i);
		if (m.preIndent !== -1) break;
		if (++m.preBlank === MAX_BLANKS) {
			m.preIndent = 0;
			break;
		}
	}
	for (let i = split + 1; i < n; i++) {
		m.postIndent = indentOf(i);
		if (m.postIndent !== -1) break;
		if (++m.postBlank === MAX_BLANKS) {
			m.postIndent = 0;
			break;
		}
	}
	return m;
}

function addSplitScore(m: Measurement, s: { effectiveIndent: number; penalty: number }): void {
	if (m.preIndent === -1 && m.preBlank === 0) s.penalty += START_OF_FILE_PENALTY;
	if (m.endOfFile) s.penalty += END_OF_FILE_PENALTY;
	const postBlank = m.indent === -1 ? 1 + m.postBlank : 0;
	const totalBlank = m.preBlank + postBlank;
	s.penalty += TOTAL_BLANK_WEIGHT * totalBlank + POST_BLANK_WEIGHT * postBlank;
	const indent = m.indent !== -1 ? m.indent : m.postIndent;
	const anyBlanks = totalBlank !== 0;
	s.effectiveIndent += indent;
	if (indent === -1 || m.preIndent === -1 || indent === m.preIndent) return;
	if (indent > m.preIndent) {
		s.penalty += anyBlanks ? RELATIVE_INDENT_WITH_BLANK_PENALTY : RELATIVE_INDENT_PENALTY;
	} else if (m.postIndent !== -1 && m.postIndent > indent) {
		s.penalty += anyBlanks ? RELATIVE_OUTDENT_WITH_BLANK_PENALTY : RELATIVE_OUTDENT_PENALTY;
	} else {
		s.penalty += anyBlanks ? RELATIVE_DEDENT_WITH_BLANK_PENALTY : RELATIVE_DEDENT_PENALTY;
	}
}

function compareScores(
	a: { effectiveIndent: number; penalty: number },
	b: { effectiveIndent: number; penalty: number }
): number {
	const indents = Math.sign(a.effectiveIndent - b.effectiveIndent);
	return INDENT_WEIGHT * indents + (a.penalty - b.penalty);
}

/** A line's indent with tabs to 8 columns, capped at 200; -1 when it is blank (whitespace only). */
function indent(line: string): number {
	let width = 0;
	for (let i = 0; i < line.length; i++) {
		const c = line.charCodeAt(i);
		if (c === 0x20) width++;
		else if (c === 0x09) width += 8 - (width % 8);
		else if (c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d) return width;
		if (width >= MAX_INDENT) return MAX_INDENT;
	}
	return -1;
}

// The review's files: the patch's sections grouped per path, matched with the attempt's file
// stats, and cut into segments small enough to render in one short main-thread task each.
import { shownText, type FileStat } from '$lib/core/diff';
import { sectionText, splitPatch, type PatchHunk, type PatchSection } from './patch-sections';
import type { DiffLayout } from './review-prefs.svelte';

/** One piece of a file's diff that diff2html renders on its own. */
export type DiffSegment = {
	/** The section's header lines (`diff --git`, `---`, `+++`…), shared by its segments. */
	header: string[];
	hunks: PatchHunk[];
	/** Table rows it will take: line-by-line, and side by side. */
	rows: { unified: number; split: number };
};

/** A diff2html row is about 22 px tall at its 13 px font (measured in Chromium). */
const ROW_PX = 22;

/** The height a segment will have once rendered, for its placeholder until then. */
export function segmentHeight(segment: DiffSegment, layout: DiffLayout): number {
	return (layout === 'side-by-side' ? segment.rows.split : segment.rows.unified) * ROW_PX;
}

/** The segment as a patch of its own, built when it is rendered (text for every one up front
 * would double the patch in memory and the time to open the review). */
export function segmentText(segment: DiffSegment): string {
	// A Latin-1 file's bytes are escaped in the patch (core/diff escaped-bytes): shown as �.
	return shownText(sectionText(segment.header, segment.hunks));
}

export type ReviewFile = {
	path: string;
	stat: FileStat;
	segments: DiffSegment[];
	/** What a section without lines to show says instead (binary, mode change, pure rename). */
	notes: string[];
};

/**
 * About 50 ms of diff2html work in a development build (less in production): enough lines to
 * fill a screen or two, few enough that no render task freezes the page.
 */
export const SEGMENT_LINES = 250;

/** `stats` are optional: a patch alone (from a share link) yields its own counts. */
export function reviewFiles(
	patch: string,
	stats: readonly FileStat[] = [],
	segmentLines = SEGMENT_LINES
): ReviewFile[] {
	const byPath = new Map(stats.map((stat) => [stat.path, stat]));
	// A symlink turned into a file is two sections; the deletion one names the old path.
	const byOldPath = new Map(
		stats.flatMap((stat) => (stat.oldPath ? [[stat.oldPath, stat] as const] : []))
	);
	const groups = new Map<string, PatchSection[]>();
	for (const section of splitPatch(patch)) {
		const owner = byPath.get(section.path) ?? byOldPath.get(section.path);
		const key = owner?.path ?? section.path;
		const group = groups.get(key);
		if (group) group.push(section);
		else groups.set(key, [section]);
	}
	const files: ReviewFile[] = stats.map((stat) =>
		toFile(stat.path, stat, groups.get(stat.path) ?? [], segmentLines)
	);
	for (const [path, sections] of groups) {
		if (!byPath.has(path)) files.push(toFile(path, statOf(sections), sections, segmentLines));
	}
	return files;
}

function toFile(
	path: string,
	stat: FileStat,
	sections: PatchSection[],
	segmentLines: number
): ReviewFile {
	const segments = sections.flatMap((section) => segmentsOf(section, segmentLines));
	const notes = sections.flatMap(notesOf);
	if (sections.length === 0) notes.push('No textual changes.');
	return { path, stat, segments, notes };
}

function statOf(sections: PatchSection[]): FileStat {
	const first = sections[0]!;
	const stat: FileStat = {
		path: first.path,
		status: sections.length > 1 ? 'modified' : first.status,
		additions: sections.reduce((sum, s) => sum + s.additions, 0),
		deletions: sections.reduce((sum, s) => sum + s.deletions, 0),
		binary: sections.some((s) => s.binary)
	};
	if (first.oldPath === undefined) return stat;
	const renamed = { ...stat, oldPath: first.oldPath };
	return first.similarity === undefined ? renamed : { ...renamed, similarity: first.similarity };
}

function notesOf(section: PatchSection): string[] {
	const notes: string[] = [];
	const { oldMode, newMode } = section;
	if (oldMode && newMode && oldMode !== newMode) {
		notes.push(`Mode changed from ${oldMode} to ${newMode}.`);
	}
	const link = linkNote(section);
	if (link) notes.push(link);
	if (section.binary) notes.push('Binary file not shown.');
	else if (section.hunks.length === 0 && section.status === 'renamed') {
		notes.push(`Renamed from ${section.oldPath ?? ''} without changes.`);
	} else if (section.status === 'renamed' && section.similarity !== undefined) {
		notes.push(`Renamed from ${section.oldPath ?? ''} (${section.similarity}% similar).`);
	} else if (section.hunks.length === 0 && section.status !== 'mode') {
		notes.push(section.status === 'deleted' ? 'Empty file deleted.' : 'Empty file.');
	}
	return notes;
}

const SYMLINK = '120000';

/** A symbolic link's target is its content: said in words, as the lines alone do not tell. */
function linkNote(section: PatchSection): string | null {
	// An unchanged mode is on the index line only: `index 1a2b..3c4d 120000`.
	const kept = section.header.find((line) => line.startsWith('index '))?.split(' ')[2];
	const oldMode = section.oldMode ?? kept;
	const newMode = section.newMode ?? kept;
	if (oldMode !== SYMLINK && newMode !== SYMLINK) return null;
	const lines = section.hunks.flatMap((hunk) => hunk.lines);
	const side = (sign: string) => lines.find((line) => line[0] === sign)?.slice(1);
	const [before, after] = [side('-'), side('+')];
	if (oldMode === SYMLINK && newMode === SYMLINK)
		return before !== undefined && after !== undefined
			? `Symbolic link retargeted from ${before} to ${after}.`
			: 'Symbolic link.';
	if (newMode === SYMLINK)
		return `Symbolic link to ${after ?? '(unchanged target)'}${oldMode ? ', was a file' : ''}.`;
	if (section.status === 'deleted') return `Symbolic link to ${before ?? '?'} deleted.`;
	return `Was a symbolic link to ${before ?? '?'}; now a file.`;
}

function segmentsOf(section: PatchSection, segmentLines: number): DiffSegment[] {
	const segments: DiffSegment[] = [];
	let hunks: PatchHunk[] = [];
	let size = 0;
	const flush = () => {
		if (hunks.length === 0) return;
		segments.push({ header: section.header, hunks, rows: rowsOf(hunks) });
		hunks = [];
		size = 0;
	};
	for (const hunk of section.hunks) {
		for (const piece of splitHunk(hunk, segmentLines)) {
			if (size + piece.lines.length > segmentLines) flush();
			hunks.push(piece);
			size += piece.lines.length;
		}
	}
	flush();
	return segments;
}

/**
 * A hunk longer than `max` lines as several hunks with their own line numbers, cut where a
 * context line starts or ends so a run of removed lines stays beside the added ones it pairs
 * with (unless the run itself is much longer than `max`).
 */
export function splitHunk(hunk: PatchHunk, max: number): PatchHunk[] {
	if (hunk.lines.length <= max) return [hunk];
	const pieces: PatchHunk[] = [];
	let first = 0;
	let [oldNo, newNo] = [hunk.oldStart, hunk.newStart];
	let [pieceOld, pieceNew] = [oldNo, newNo];
	for (let i = 0; i < hunk.lines.length; i++) {
		const line = hunk.lines[i]!;
		const size = i - first;
		const atContext = line[0] === ' ' || hunk.lines[i - 1]?.[0] === ' ';
		if (size >= max && line[0] !== '\\' && (atContext || size >= max * 1.5)) {
			pieces.push({
				...hunk,
				oldStart: pieceOld,
				newStart: pieceNew,
				lines: hunk.lines.slice(first, i)
			});
			[first, pieceOld, pieceNew] = [i, oldNo, newNo];
		}
		if (line[0] !== '+' && line[0] !== '\\') oldNo++;
		if (line[0] !== '-' && line[0] !== '\\') newNo++;
	}
	pieces.push({ ...hunk, oldStart: pieceOld, newStart: pieceNew, lines: hunk.lines.slice(first) });
	return pieces;
}

const [BACKSLASH, MINUS, PLUS] = ['\\', '-', '+'].map((c) => c.charCodeAt(0));

/** Rows diff2html draws: a header row per hunk, then lines; side by side pairs − with +. */
function rowsOf(hunks: PatchHunk[]): { unified: number; split: number } {
	let unified = 0;
	let split = 0;
	for (const hunk of hunks) {
		unified++;
		split++;
		let removed = 0;
		let added = 0;
		for (const line of hunk.lines) {
			const kind = line.charCodeAt(0);
			if (kind === BACKSLASH) continue;
			unified++;
			if (kind === MINUS) removed++;
			else if (kind === PLUS) added++;
			else {
				split += Math.max(removed, added) + 1;
				removed = 0;
				added = 0;
			}
		}
		split += Math.max(removed, added);
	}
	return { unified, split };
}

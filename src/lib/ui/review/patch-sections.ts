// A git-style patch cut into its `diff --git` sections, one per file, each keeping its own
// text so it can be handed to diff2html on its own when it scrolls into view.
import type { FileStatus } from '$lib/core/diff';
import { unquotePath } from './unquote-path';

export type PatchHunk = {
	oldStart: number;
	newStart: number;
	/** What follows the second `@@` (a function name), without the leading space. */
	heading: string;
	/** The hunk's body lines (' ', '-', '+', '\'), without line ends. */
	lines: string[];
};

export type PatchSection = {
	/** The new path; for a deletion, the path that was deleted. */
	path: string;
	/** Set when the section renames `oldPath` to `path`. */
	oldPath?: string;
	/** A rename's `similarity index`, in percent. */
	similarity?: number;
	status: FileStatus;
	binary: boolean;
	oldMode?: string;
	newMode?: string;
	/** The header lines up to the first hunk, without line ends. */
	header: string[];
	hunks: PatchHunk[];
	additions: number;
	deletions: number;
};

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;

/** Every `diff --git` section of `patch`, in order. Text before the first one is ignored. */
export function splitPatch(patch: string): PatchSection[] {
	const lines = patch.split('\n');
	if (lines.at(-1) === '') lines.pop();
	const sections: PatchSection[] = [];
	let start = -1;
	for (let i = 0; i < lines.length; i++) {
		if (!lines[i]!.startsWith('diff --git ')) continue;
		if (start >= 0) sections.push(parseSection(lines, start, i));
		start = i;
	}
	if (start >= 0) sections.push(parseSection(lines, start, lines.length));
	return sections;
}

function parseSection(lines: string[], from: number, to: number): PatchSection {
	const header: string[] = [];
	const hunks: PatchHunk[] = [];
	const names: { diff?: string; from?: string; to?: string; minus?: string; plus?: string } = {};
	let binary = false;
	let isNew = false;
	let isDeleted = false;
	let oldMode: string | undefined;
	let newMode: string | undefined;
	let similarity: number | undefined;
	let additions = 0;
	let deletions = 0;
	let hunk: PatchHunk | undefined;
	// Lines the current hunk still has to hold, from its header's counts.
	let oldLeft = 0;
	let newLeft = 0;
	for (let i = from; i < to; i++) {
		const line = lines[i]!;
		if (hunk && (oldLeft > 0 || newLeft > 0 || line[0] === '\\')) {
			const kind = line[0];
			if (kind === '+') {
				additions++;
				newLeft--;
			} else if (kind === '-') {
				deletions++;
				oldLeft--;
			} else if (kind !== '\\') {
				oldLeft--;
				newLeft--;
			}
			hunk.lines.push(line);
			continue;
		}
		const match = binary ? null : HUNK_HEADER.exec(line);
		if (match) {
			oldLeft = match[2] === undefined ? 1 : +match[2];
			newLeft = match[4] === undefined ? 1 : +match[4];
			hunk = {
				// A side with no lines is written with the line before it; keep the first one.
				oldStart: +match[1]! + (oldLeft === 0 ? 1 : 0),
				newStart: +match[3]! + (newLeft === 0 ? 1 : 0),
				heading: match[5]!,
				lines: []
			};
			hunks.push(hunk);
			continue;
		}
		if (hunk) continue; // stray text after a hunk: not part of any file
		if (binary) continue; // the base85 literal: not shown, not needed for names
		header.push(line);
		if (line.startsWith('diff --git ')) names.diff = line.slice(11);
		else if (line.startsWith('new file mode ')) [isNew, newMode] = [true, line.slice(14)];
		else if (line.startsWith('deleted file mode ')) [isDeleted, oldMode] = [true, line.slice(18)];
		else if (line.startsWith('old mode ')) oldMode = line.slice(9);
		else if (line.startsWith('new mode ')) newMode = line.slice(9);
		else if (line.startsWith('similarity index ')) similarity = Number.parseInt(line.slice(17), 10);
		else if (line.startsWith('rename from ')) names.from = unquotePath(line.slice(12));
		else if (line.startsWith('rename to ')) names.to = unquotePath(line.slice(10));
		else if (line.startsWith('--- ')) names.minus = labelPath(line.slice(4), 'a/');
		else if (line.startsWith('+++ ')) names.plus = labelPath(line.slice(4), 'b/');
		else if (line === 'GIT binary patch' || /^Binary files .* differ$/.test(line)) binary = true;
	}
	const diffNames = names.diff ? diffLinePaths(names.diff) : undefined;
	const oldName = names.from ?? names.minus ?? diffNames?.[0] ?? '';
	const newName = names.to ?? names.plus ?? diffNames?.[1] ?? oldName;
	const path = isDeleted ? oldName : newName;
	const renamed = !isNew && !isDeleted && oldName !== newName && oldName !== '';
	const status: FileStatus = isNew
		? 'added'
		: isDeleted
			? 'deleted'
			: renamed
				? 'renamed'
				: hunks.length === 0 && !binary && oldMode !== undefined
					? 'mode'
					: 'modified';
	const section: PatchSection = {
		path,
		status,
		binary,
		header,
		hunks,
		additions,
		deletions
	};
	if (renamed) section.oldPath = oldName;
	if (renamed && similarity !== undefined) section.similarity = similarity;
	if (oldMode !== undefined) section.oldMode = oldMode;
	if (newMode !== undefined) section.newMode = newMode;
	return section;
}

/** `a/src/x.ts` (maybe quoted, maybe tab-terminated) → `src/x.ts`; `/dev/null` → undefined. */
function labelPath(label: string, prefix: string): string | undefined {
	const name = unquotePath(label.replace(/\t$/, ''));
	if (name === '/dev/null') return undefined;
	return name.startsWith(prefix) ? name.slice(prefix.length) : name;
}

/**
 * The two paths of a `diff --git` line. Unquoted names may contain spaces, so the split is
 * only certain when both names are the same (`a/X b/X`), which is the case whenever no
 * `rename` or `---`/`+++` line says otherwise.
 */
function diffLinePaths(rest: string): [string, string] | undefined {
	if (rest.startsWith('"')) {
		const close = closingQuote(rest);
		const first = unquotePath(rest.slice(0, close + 1)).slice(2);
		const second = unquotePath(rest.slice(close + 2)).slice(2);
		return [first, second];
	}
	const half = (rest.length - 5) / 2;
	if (Number.isInteger(half) && rest.startsWith('a/') && rest.slice(half + 2, half + 5) === ' b/') {
		const name = rest.slice(2, half + 2);
		if (rest.slice(half + 5) === name) return [name, name];
	}
	const space = rest.indexOf(' b/');
	if (space === -1) return undefined;
	return [rest.slice(2, space), unquotePath(rest.slice(space + 1)).slice(2)];
}

function closingQuote(text: string): number {
	for (let i = 1; i < text.length; i++) {
		if (text[i] === '\\') i++;
		else if (text[i] === '"') return i;
	}
	return text.length - 1;
}

/** The section's text as a patch of its own: header, then its hunks. */
export function sectionText(header: string[], hunks: PatchHunk[]): string {
	const out = [...header];
	for (const hunk of hunks) {
		const { oldCount, newCount } = hunkCounts(hunk.lines);
		const oldRange = range(oldCount === 0 ? hunk.oldStart - 1 : hunk.oldStart, oldCount);
		const newRange = range(newCount === 0 ? hunk.newStart - 1 : hunk.newStart, newCount);
		out.push(`@@ -${oldRange} +${newRange} @@${hunk.heading ? ` ${hunk.heading}` : ''}`);
		out.push(...hunk.lines);
	}
	return out.join('\n') + '\n';
}

export function hunkCounts(lines: string[]): { oldCount: number; newCount: number } {
	let oldCount = 0;
	let newCount = 0;
	for (const line of lines) {
		const kind = line[0];
		if (kind === '\\') continue;
		if (kind !== '+') oldCount++;
		if (kind !== '-') newCount++;
	}
	return { oldCount, newCount };
}

function range(start: number, count: number): string {
	return count === 1 ? `${Math.max(start, 0)}` : `${Math.max(start, 0)},${count}`;
}

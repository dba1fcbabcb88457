import { FIX_CONTEXT_HINT, PatchError } from './errors.ts';
import type { Hunk, HunkLine } from './model.ts';
import { seekSequence } from './seek.ts';
import { joinLines, splitLines } from './text-lines.ts';

/** Replace `removed` lines at `start` with `inserted`. */
type Edit = { start: number; removed: number; inserted: string[] };

/**
 * Applies an Update File's hunks to a file's text. Hunks are located in order, each searching
 * from where the previous one ended, and all are located before any is applied.
 */
export function applyHunks(path: string, text: string, hunks: readonly Hunk[]): string {
	const file = splitLines(text);
	const edits: Edit[] = [];
	let cursor = 0;
	hunks.forEach((hunk, index) => {
		const located = locateHunk(file.lines, hunk, cursor, { path, hunk: index + 1 });
		edits.push(located.edit);
		cursor = located.next;
	});
	// A pure addition lands at the end of the file, possibly before a later hunk's lines.
	edits.sort((a, b) => a.start - b.start);
	const lines = [...file.lines];
	for (const edit of edits.reverse()) lines.splice(edit.start, edit.removed, ...edit.inserted);
	return joinLines({ lines, eol: file.eol });
}

type Where = { path: string; hunk: number };

function locateHunk(
	lines: readonly string[],
	hunk: Hunk,
	from: number,
	where: Where
): { edit: Edit; next: number } {
	const at = seekContexts(lines, hunk.contexts, from, where);
	let body = hunk.lines;
	let start = placeBody(lines, hunk, body, at);
	if (start === null && body.at(-1) === ' ') {
		// A trailing empty context line is often the patch's own final newline, not a file line.
		while (body.at(-1) === ' ') body = body.slice(0, -1);
		start = placeBody(lines, hunk, body, at);
	}
	if (start === null) {
		const expected = hunk.endOfFile ? ' at the end of the file' : after(at);
		throw notFound('context-not-found', where, `lines${expected}`, oldLines(hunk.lines));
	}
	const removed = oldLines(body).length;
	const edit = { start, removed, inserted: newLines(body, lines, start) };
	return { edit, next: removed === 0 ? at : start + removed };
}

/** Seeks the `@@` lines in order; answers where the hunk's own lines may start. */
function seekContexts(
	lines: readonly string[],
	contexts: readonly string[],
	from: number,
	where: Where
): number {
	let at = from;
	for (const context of contexts) {
		const match = seekSequence(lines, [context], at);
		if (!match) throw notFound('anchor-not-found', where, `the @@ line${after(at)}`, [context]);
		at = match.index + 1;
	}
	return at;
}

/** Where `body` goes in the file, searching from `at`; null when its old lines are not there. */
function placeBody(
	lines: readonly string[],
	hunk: Hunk,
	body: readonly HunkLine[],
	at: number
): number | null {
	const old = oldLines(body);
	if (old.length > 0) return seekSequence(lines, old, at, hunk.endOfFile)?.index ?? null;
	// Codex appends a pure addition at the end of the file; after an `@@` line it goes right
	// below that line, which is what the model meant by naming it.
	return hunk.contexts.length > 0 && !hunk.endOfFile ? at : lines.length;
}

function oldLines(body: readonly HunkLine[]): string[] {
	return body.filter((line) => !line.startsWith('+')).map((line) => line.slice(1));
}

/** The hunk's new lines; context lines keep the file's text, which a fuzzy match may differ from. */
function newLines(body: readonly HunkLine[], lines: readonly string[], start: number): string[] {
	const result: string[] = [];
	let next = start;
	for (const line of body) {
		if (line.startsWith('+')) result.push(line.slice(1));
		else if (line.startsWith('-')) next++;
		else result.push(lines[next++] ?? line.slice(1));
	}
	return result;
}

function after(at: number): string {
	return at > 0 ? ` after line ${at}` : '';
}

function notFound(
	code: 'anchor-not-found' | 'context-not-found',
	{ path, hunk }: Where,
	expected: string,
	shown: readonly string[]
): PatchError {
	const listing = shown.map((line) => `  ${line}`).join('\n');
	return new PatchError(
		code,
		`Failed to find context in ${path} (hunk ${hunk}): expected ${expected}:\n${listing}`,
		FIX_CONTEXT_HINT
	);
}

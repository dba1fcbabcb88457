import { unwrapPatch } from './envelope.ts';
import { FIX_PATCH_HINT, PatchError, type PatchErrorCode } from './errors.ts';
import type { Hunk, HunkLine, PatchOp } from './model.ts';
import { checkPatchPath } from './paths.ts';

const FILE_HEADER = /^\*\*\* (Add File|Delete File|Update File|Move to):(.*)$/;
const MOVE_TO = /^\*\*\* Move to:(.*)$/;
const END_OF_FILE = '*** End of File';
// A git-style `@@ -12,7 +12,8 @@ fn main() {` header: the ranges mean nothing here, but the
// text after them is a line that precedes the hunk, which is exactly what `@@ <line>` means.
const UNIFIED_RANGES = /^-\d+(?:,\d+)? \+\d+(?:,\d+)? @@ ?(.*)$/;

/** The body lines and a position in them; `firstLine` turns positions into patch line numbers. */
type Reader = { lines: string[]; at: number; firstLine: number };

/** Parses an apply_patch text into its file operations; throws a PatchError saying where. */
export function parsePatch(text: string): PatchOp[] {
	const body = unwrapPatch(text);
	const reader: Reader = { ...body, at: 0 };
	const ops: PatchOp[] = [];
	for (let line = peek(reader); line !== undefined; line = peek(reader)) {
		if (line.trim() === '') reader.at++;
		else ops.push(parseOp(reader, line));
	}
	if (ops.length === 0) {
		throw new PatchError(
			'empty-patch',
			"Invalid patch: there are no file operations between '*** Begin Patch' and '*** End Patch'.",
			FIX_PATCH_HINT
		);
	}
	return ops;
}

function parseOp(reader: Reader, line: string): PatchOp {
	const at = lineNumber(reader);
	const header = FILE_HEADER.exec(line.trim());
	if (!header) {
		throw invalid(
			'unknown-header',
			at,
			`'${line.trim()}' is not a valid file header; expected '*** Add File: <path>', ` +
				"'*** Delete File: <path>' or '*** Update File: <path>'"
		);
	}
	const [, kind, rawPath = ''] = header;
	if (kind === 'Move to') {
		throw invalid(
			'move-without-update',
			at,
			`'${line.trim()}' must directly follow an '*** Update File: <path>' line`
		);
	}
	const path = pathAt(rawPath, line, at);
	reader.at++;
	if (kind === 'Add File') return { type: 'add', path, contents: parseAddLines(reader, path, at) };
	if (kind === 'Delete File') return { type: 'delete', path };
	return parseUpdate(reader, path, at);
}

function parseAddLines(reader: Reader, path: string, at: number): string {
	let contents = '';
	for (let line = peek(reader); line?.startsWith('+'); line = peek(reader)) {
		contents += `${line.slice(1)}\n`;
		reader.at++;
	}
	if (contents === '') {
		throw invalid(
			'empty-add',
			at,
			`'*** Add File: ${path}' has no lines; every line of a new file starts with '+'`
		);
	}
	return contents;
}

function parseUpdate(reader: Reader, path: string, at: number): PatchOp {
	const moveLine = peek(reader)?.trim() ?? '';
	const move = MOVE_TO.exec(moveLine);
	const movePath = move ? pathAt(move[1] ?? '', moveLine, lineNumber(reader)) : undefined;
	if (move) reader.at++;
	const hunks: Hunk[] = [];
	for (let line = peek(reader); line !== undefined; line = peek(reader)) {
		if (line.startsWith('*')) break;
		// Blank lines between hunks separate them; inside a hunk they are empty context lines.
		if (line.trim() === '') reader.at++;
		else hunks.push(parseHunk(reader));
	}
	if (hunks.length === 0) {
		throw invalid(
			'empty-update',
			at,
			`'*** Update File: ${path}' has no hunks; follow it with '@@' and ' ', '-', '+' lines`
		);
	}
	return movePath === undefined
		? { type: 'update', path, hunks }
		: { type: 'update', path, movePath, hunks };
}

function parseHunk(reader: Reader): Hunk {
	const at = lineNumber(reader);
	const contexts: string[] = [];
	for (let line = peek(reader); line !== undefined && isHunkHeader(line); line = peek(reader)) {
		const context = headerContext(line);
		if (context !== '') contexts.push(context);
		reader.at++;
	}
	const lines: HunkLine[] = [];
	let endOfFile = false;
	for (let line = peek(reader); line !== undefined; line = peek(reader)) {
		if (line.trimEnd() === END_OF_FILE) {
			endOfFile = true;
			reader.at++;
			break;
		}
		if (isHunkHeader(line) || line.startsWith('*')) break;
		const hunkLine = toHunkLine(line);
		if (hunkLine === null) {
			throw invalid(
				'bad-hunk-line',
				lineNumber(reader),
				`unexpected line '${line}' in a hunk; every hunk line starts with ' ' (context), ` +
					"'-' (remove) or '+' (add)"
			);
		}
		lines.push(hunkLine);
		reader.at++;
	}
	if (lines.length === 0) {
		throw invalid(
			'empty-hunk',
			at,
			"the hunk has no lines; after '@@' give ' ' (context), '-' (remove) and '+' (add) lines"
		);
	}
	return { contexts, lines, endOfFile };
}

function isHunkHeader(line: string): boolean {
	return line.trimEnd() === '@@' || line.startsWith('@@ ');
}

function headerContext(line: string): string {
	const text = line.trimEnd() === '@@' ? '' : line.slice(3);
	const context = UNIFIED_RANGES.exec(text)?.[1] ?? text;
	return context.trim() === '' ? '' : context;
}

function toHunkLine(line: string): HunkLine | null {
	// An empty line is an empty context line whose space an editor or the model dropped.
	if (line === '') return ' ';
	const text = line.slice(1);
	switch (line[0]) {
		case ' ':
			return ` ${text}`;
		case '-':
			return `-${text}`;
		case '+':
			return `+${text}`;
		default:
			return null;
	}
}

function pathAt(raw: string, header: string, at: number): string {
	if (raw.trim() === '') throw invalid('empty-path', at, `'${header.trim()}' needs a path`);
	const check = checkPatchPath(raw.trim());
	if (!check.ok) throw invalid(check.code, at, check.reason);
	return check.path;
}

function peek(reader: Reader): string | undefined {
	return reader.lines[reader.at];
}

function lineNumber(reader: Reader): number {
	return reader.firstLine + reader.at;
}

function invalid(code: PatchErrorCode, at: number, detail: string): PatchError {
	return new PatchError(code, `Invalid patch at line ${at}: ${detail}.`, FIX_PATCH_HINT);
}

import { byteString, isGitBinary, textOf, type FileChange } from '../diff/index.ts';

/** A text file's lines (without their line ends) and which of them the change added. */
export type AddedLines = { lines: string[]; added: number[] };

const splitLines = (text: string): string[] =>
	text.split('\n').map((line) => line.replace(/\r$/, ''));

/**
 * The lines of the new side that the old side does not have anywhere: a line only moved or
 * copied within the file puts nothing new into the repository, so it cannot leak anything.
 * Null for a deletion or a binary file, which a line scan cannot read.
 */
export function addedLines(change: FileChange): AddedLines | null {
	const afterText = change.after === null ? null : scannable(change.after);
	if (afterText === null) return null;
	const beforeText = change.before === null ? null : scannable(change.before);
	const old = new Set(beforeText === null ? [] : splitLines(beforeText));
	const lines = splitLines(afterText);
	const added: number[] = [];
	lines.forEach((line, index) => {
		if (!old.has(line)) added.push(index);
	});
	return { lines, added };
}

/** Free text (a message, a body): every line counts as added. */
export function allLines(text: string): AddedLines {
	const lines = splitLines(text);
	return { lines, added: lines.map((_, index) => index) };
}

/**
 * A file's text for the scan: UTF-8 as it is; any other text git would diff (no NUL in its
 * first 8000 bytes: Latin-1, Shift-JIS, a stray invalid byte) one char per byte, since every
 * token format is ASCII and an ASCII byte reads the same in either; null for a binary file.
 */
function scannable(bytes: Uint8Array): string | null {
	return textOf(bytes) ?? (isGitBinary(bytes) ? null : byteString(bytes));
}

import { textOf, type FileChange } from '../diff/index.ts';

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
	const afterText = change.after === null ? null : textOf(change.after);
	if (afterText === null) return null;
	const beforeText = change.before === null ? null : textOf(change.before);
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

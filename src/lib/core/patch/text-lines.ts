export type LineEnding = '\n' | '\r\n';

/** A file's text as lines without their endings, and the ending to write them back with. */
export type TextLines = { lines: string[]; eol: LineEnding };

/**
 * Splits a file into lines. A file is CRLF when at least as many of its line breaks are CRLF
 * as bare LF (Codex's rule); its lines then lose their `\r` so that patch lines, which never
 * carry one, match them exactly. A final line break ends the last line rather than starting
 * an empty one.
 */
export function splitLines(text: string): TextLines {
	const breaks = text.split('\n').length - 1;
	const crlf = text.split('\r\n').length - 1;
	const eol: LineEnding = crlf > 0 && crlf * 2 >= breaks ? '\r\n' : '\n';
	const lines = text.split('\n');
	if (lines.at(-1) === '') lines.pop();
	if (eol === '\n') return { lines, eol };
	return { lines: lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line)), eol };
}

/** Joins lines back; a non-empty file always ends with a line break, as Codex writes it. */
export function joinLines({ lines, eol }: TextLines): string {
	return lines.length === 0 ? '' : lines.join(eol) + eol;
}

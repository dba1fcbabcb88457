/** How loosely a match was found, strictest first. */
export type MatchLevel = 'exact' | 'trim-end' | 'trim' | 'unicode';

export type SeekMatch = { index: number; level: MatchLevel };

// Typographic characters a model types as ASCII (or the reverse): dashes, quotes and odd spaces.
const DASHES = /[\u2010-\u2015\u2212]/g;
const SINGLE_QUOTES = /[\u2018-\u201B]/g;
const DOUBLE_QUOTES = /[\u201C-\u201F]/g;
const SPACES = /[\u00A0\u2002-\u200A\u202F\u205F\u3000]/g;

const LADDER: readonly { level: MatchLevel; key: (line: string) => string }[] = [
	{ level: 'exact', key: (line) => line },
	{ level: 'trim-end', key: (line) => line.trimEnd() },
	{ level: 'trim', key: (line) => line.trim() },
	{ level: 'unicode', key: (line) => asciiPunctuation(line.trim()) }
];

/**
 * Finds `pattern` as consecutive lines of `lines` at or after `start`, trying each rung of the
 * ladder over the whole range before loosening: a file that holds the lines exactly somewhere
 * later wins over a whitespace-only match earlier. With `atEnd` only the last position counts
 * (`*** End of File`). An empty pattern matches at `start`.
 */
export function seekSequence(
	lines: readonly string[],
	pattern: readonly string[],
	start: number,
	atEnd = false
): SeekMatch | null {
	if (pattern.length === 0) return { index: start, level: 'exact' };
	const lastStart = lines.length - pattern.length;
	const firstStart = atEnd ? lastStart : start;
	if (firstStart < start || lastStart < firstStart) return null;
	for (const { level, key } of LADDER) {
		const wanted = pattern.map(key);
		for (let index = firstStart; index <= lastStart; index++) {
			if (wanted.every((line, offset) => key(lines[index + offset] ?? '') === line)) {
				return { index, level };
			}
		}
	}
	return null;
}

function asciiPunctuation(line: string): string {
	return line
		.replace(DASHES, '-')
		.replace(SINGLE_QUOTES, "'")
		.replace(DOUBLE_QUOTES, '"')
		.replace(SPACES, ' ');
}

// Long command output is cut for the model the way Codex does it: the head (what started) and the
// tail (how it ended, where errors are) survive, with a marker saying how much is missing. A line
// cap and a byte cap apply together; the full text stays in the tool's details for the log.

export const MAX_LINES = 256;
export const MAX_BYTES = 10 * 1024;

export type Truncation = {
	text: string;
	truncated: boolean;
	totalLines: number;
	totalBytes: number;
};

const encoder = new TextEncoder();
const bytesOf = (text: string) => encoder.encode(text).length;

/** `text` whole when it fits both caps, else its head and tail with a `…N lines / M bytes truncated…` line between. */
export function truncateHeadTail(
	text: string,
	maxLines = MAX_LINES,
	maxBytes = MAX_BYTES
): Truncation {
	const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
	const totalLines = text === '' ? 0 : lines.length;
	const totalBytes = bytesOf(text);
	if (totalLines <= maxLines && totalBytes <= maxBytes) {
		return { text, truncated: false, totalLines, totalBytes };
	}
	const budget = { lines: Math.floor(maxLines / 2), bytes: Math.floor(maxBytes / 2) };
	const head = takeLines(lines, budget, 'head');
	const tail = takeLines(lines.slice(head.whole), budget, 'tail');
	const shownBytes = bytesOf(head.text) + bytesOf(tail.text);
	const omittedLines =
		totalLines - head.whole - tail.whole - (head.partial ? 1 : 0) - (tail.partial ? 1 : 0);
	const marker = `…${Math.max(0, omittedLines)} lines / ${totalBytes - shownBytes} bytes truncated…`;
	return {
		text: [head.text, marker, tail.text].filter((part) => part !== '').join('\n'),
		truncated: true,
		totalLines,
		totalBytes
	};
}

type Taken = { text: string; whole: number; partial: boolean };

/**
 * Whole lines from one end while both budgets last; when not even one whole line fits (a
 * minified file, a progress bar), as much of that line as the bytes allow.
 */
function takeLines(
	lines: string[],
	budget: { lines: number; bytes: number },
	end: 'head' | 'tail'
): Taken {
	const ordered = end === 'head' ? lines : [...lines].reverse();
	const taken: string[] = [];
	let bytes = 0;
	for (const line of ordered) {
		const cost = bytesOf(line) + 1;
		if (taken.length >= budget.lines || bytes + cost > budget.bytes) break;
		taken.push(line);
		bytes += cost;
	}
	const first = ordered[0];
	if (taken.length === 0 && first !== undefined && first !== '') {
		return { text: sliceBytes(first, budget.bytes, end), whole: 0, partial: true };
	}
	if (end === 'tail') taken.reverse();
	return { text: taken.join('\n'), whole: taken.length, partial: false };
}

/** The longest start (or end) of `line` within `maxBytes`, never splitting a character. */
function sliceBytes(line: string, maxBytes: number, end: 'head' | 'tail'): string {
	const characters = Array.from(line);
	if (end === 'tail') characters.reverse();
	const kept: string[] = [];
	let bytes = 0;
	for (const character of characters) {
		bytes += bytesOf(character);
		if (bytes > maxBytes) break;
		kept.push(character);
	}
	if (end === 'tail') kept.reverse();
	return kept.join('');
}

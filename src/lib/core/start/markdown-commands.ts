// Every piece of code in a Markdown file that might be a command, with the words around it, so
// a caller can tell which one the file means for a given purpose.

export type CodeCandidate = {
	/** A code span's text, or one line of a fenced code block. */
	text: string;
	/** The paragraph or list item holding a span; for a block line, the text just before it. */
	context: string;
	/** The nearest heading above it ('' before the first). */
	heading: string;
};

/** Blocks in other languages hold code, not commands; an unlabelled block may be either. */
const SHELL_INFO = new Set(['', 'sh', 'bash', 'zsh', 'fish', 'shell', 'console', 'shell-session']);
const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/;
const HEADING = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s/;
const CODE_SPAN = /`([^`]+)`/g;

type Fence = { marker: string; shell: boolean; context: string; comment: string };

export function codeCandidates(markdown: string): CodeCandidate[] {
	const found: CodeCandidate[] = [];
	let heading = '';
	let unit: string[] = [];
	let previous = '';
	let fence: Fence | null = null;
	const flush = () => {
		if (unit.length === 0) return;
		const context = unit.join(' ');
		for (const [, text] of context.matchAll(CODE_SPAN))
			found.push({ text: text!, context, heading });
		previous = context;
		unit = [];
	};
	for (const line of markdown.split(/\r?\n/)) {
		if (fence) {
			if (closes(fence, line)) fence = null;
			else blockLine(fence, line, heading, found);
			continue;
		}
		const open = FENCE.exec(line);
		const title = open ? null : HEADING.exec(line);
		if (open || title || !line.trim() || LIST_ITEM.test(line)) flush();
		if (open) {
			const shell = SHELL_INFO.has(open[2]!.toLowerCase());
			fence = { marker: open[1]!, shell, context: previous, comment: '' };
		} else if (title) {
			heading = title[1]!;
			previous = '';
		} else if (line.trim()) unit.push(line.trim());
	}
	flush();
	return found;
}

function closes(fence: Fence, line: string): boolean {
	const text = line.trim();
	return text.startsWith(fence.marker) && /^(`+|~+)$/.test(text);
}

/** A shell comment names what the next line does ("# run the tests"), so it joins its context. */
function blockLine(fence: Fence, line: string, heading: string, found: CodeCandidate[]): void {
	const text = line.trim();
	if (!fence.shell || !text) return;
	if (text.startsWith('#')) {
		fence.comment = text;
		return;
	}
	const context = fence.comment ? `${fence.context} ${fence.comment}`.trim() : fence.context;
	found.push({ text, context, heading });
	fence.comment = '';
}

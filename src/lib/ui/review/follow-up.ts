// Review comments turned into the follow-up message the agent receives.

/** 'new' = a line of the attempt's version (added or unchanged); 'old' = a removed line. */
export type LineSide = 'old' | 'new';

export type LineAnchor = {
	path: string;
	side: LineSide;
	line: number;
	/** The line's text as shown, so the agent can find it even after lines move. */
	lineText: string;
};

export type ReviewComment = LineAnchor & { id: number; body: string };

const MAX_QUOTE = 120;

/**
 * "Please address these review comments:" and one bullet per comment, in file order (the
 * order of `fileOrder`, then by name) and line order within a file.
 */
export function followUpText(
	comments: readonly ReviewComment[],
	fileOrder: readonly string[] = []
): string {
	const rank = new Map(fileOrder.map((path, index) => [path, index]));
	const sorted = [...comments].sort(
		(a, b) =>
			(rank.get(a.path) ?? Infinity) - (rank.get(b.path) ?? Infinity) ||
			a.path.localeCompare(b.path) ||
			a.line - b.line ||
			a.id - b.id
	);
	const bullets = sorted.map((comment) => {
		const where = `${comment.path} ${lineLabel(comment)}`;
		const quote = comment.lineText.trim()
			? ` (${inlineCode(shorten(comment.lineText.trim()))})`
			: '';
		return `- ${where}${quote}: ${indentContinuation(comment.body.trim())}`;
	});
	return `Please address these review comments:\n\n${bullets.join('\n')}`;
}

/** "line 12" for the attempt's version, "removed line 12" for a line it deleted. */
export function lineLabel(anchor: Pick<LineAnchor, 'side' | 'line'>): string {
	return `${anchor.side === 'old' ? 'removed line' : 'line'} ${anchor.line}`;
}

function shorten(text: string): string {
	return text.length <= MAX_QUOTE ? text : `${text.slice(0, MAX_QUOTE - 1)}…`;
}

/** Markdown inline code that survives backticks in the line: a longer fence than any run. */
export function inlineCode(text: string): string {
	const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
	const fence = '`'.repeat(longest + 1);
	const pad = longest > 0 ? ' ' : '';
	return `${fence}${pad}${text}${pad}${fence}`;
}

/** A multi-line comment stays inside its bullet. */
function indentContinuation(body: string): string {
	return body.replace(/\r?\n/g, '\n  ');
}

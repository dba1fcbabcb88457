// Just enough Markdown escaping for text Patchbay does not control (prompts, paths, URLs).

/** `text` as an inline code span, whatever backticks it holds; pipes escaped for tables. */
export function inlineCode(text: string): string {
	const flat = text.replace(/\r?\n/g, '␤');
	const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
	const fence = '`'.repeat(longestRun + 1);
	// A span starting or ending with a backtick needs a space so the fence stays separate.
	const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
	return `${fence}${pad}${flat.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/** `text` as a block quote, blank lines included, so it reads as one quoted passage. */
export function blockQuote(text: string): string {
	return text
		.trim()
		.split(/\r?\n/)
		.map((line) => (line.trim() === '' ? '>' : `> ${line}`))
		.join('\n');
}

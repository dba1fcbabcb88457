/** A task's title: the prompt's first line, trimmed to a length a list can show. */
export function taskTitle(prompt: string, max = 80): string {
	const line = prompt.trim().split('\n')[0]?.trim() ?? '';
	if (!line) return 'Untitled task';
	return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

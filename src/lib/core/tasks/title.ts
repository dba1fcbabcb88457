import { cutAtWord } from '../text/cut-at-word.ts';

/** A task's title: the prompt's first line, cut at a word to a length a list can show. */
export function taskTitle(prompt: string, max = 80): string {
	const line = prompt.trim().split('\n')[0]?.trim() ?? '';
	if (!line) return 'Untitled task';
	return cutAtWord(line, max);
}

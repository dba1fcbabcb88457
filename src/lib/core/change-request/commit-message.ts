// The commit message of a push, whatever the host: the task's title, masked.
import { cutAtWord, uncutLine } from '../text/cut-at-word.ts';

/** Git's convention for a subject line: what `git log --oneline` and hosts show uncut. */
export const MAX_SUBJECT_LENGTH = 72;

/**
 * A push's commit message: the task's title, masked, cut at a word to 72 characters. The title
 * is the prompt's first line cut short, so it is masked from the whole line (a secret the cut
 * went through is masked whole) and then cut again.
 */
export function commitMessage(
	task: { title: string; prompt: string },
	mask: (text: string) => string
): string {
	return cutAtWord(mask(uncutLine(task.title, task.prompt)), MAX_SUBJECT_LENGTH);
}

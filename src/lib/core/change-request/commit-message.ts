// The commit message of a push, whatever the host: the task's title, masked.
import { maskCutLine } from '../secrets/index.ts';

/**
 * A push's commit message: the task's title, masked. The title is the prompt's first line cut
 * short, so a secret the cut went through is masked from the whole line.
 */
export function commitMessage(
	task: { title: string; prompt: string },
	mask: (text: string) => string
): string {
	return maskCutLine(task.title, task.prompt, mask);
}

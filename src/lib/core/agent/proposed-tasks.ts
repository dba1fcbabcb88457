// Ask mode ends its answer with follow-up tasks in a fenced block the UI turns into buttons:
//   ```tasks
//   [{"title": "Add tests for the parser", "prompt": "Write unit tests that …"}]
//   ```
// The format is defined for the model in `mode-ask.md`.

export type ProposedTask = { title: string; prompt: string };

/** The answer with its tasks block taken out, and the tasks it proposed. */
export type ParsedAnswer = { answer: string; tasks: ProposedTask[] };

const TASKS_BLOCK = /^```tasks[ \t]*\r?\n([\s\S]*?)^```[ \t]*$/gm;

/**
 * Reads the last well-formed tasks block of `text`. Entries without a title and a prompt are
 * dropped; a block whose JSON does not parse is left in the answer, so nothing the model wrote
 * is lost.
 */
export function parseProposedTasks(text: string): ParsedAnswer {
	let tasks: ProposedTask[] = [];
	const answer = text.replace(TASKS_BLOCK, (block, json: string) => {
		const parsed = tasksOf(json);
		if (parsed === null) return block;
		tasks = parsed;
		return '';
	});
	return { answer: answer.replace(/\n{3,}/g, '\n\n').trim(), tasks };
}

function tasksOf(json: string): ProposedTask[] | null {
	let value: unknown;
	try {
		value = JSON.parse(json);
	} catch {
		return null;
	}
	if (!Array.isArray(value)) return null;
	return value.flatMap((entry: unknown) => {
		if (typeof entry !== 'object' || entry === null) return [];
		const title = 'title' in entry && typeof entry.title === 'string' ? entry.title.trim() : '';
		const prompt = 'prompt' in entry && typeof entry.prompt === 'string' ? entry.prompt.trim() : '';
		return title && prompt ? [{ title, prompt }] : [];
	});
}

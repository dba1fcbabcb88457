// Continuing an attempt the page lost (a reload mid-run): the conversation is rebuilt from its
// log, and the file edits apply_patch made are replayed on a fresh sandbox. Commands' own side
// effects cannot be replayed; the resume message tells the model so.
import type { Message, ToolCall } from '../model/index.ts';
import type { Sandbox } from '../sandbox/index.ts';
import type { AttemptLogEntry } from '../tasks/index.ts';

export const RESUME_MESSAGE =
	'The previous run was interrupted (the page was closed or reloaded). The sandbox was rebuilt ' +
	'from the baseline and your earlier apply_patch edits were re-applied; effects of shell ' +
	'commands (installed packages, generated files) are gone. Check the state and continue the task.';

/** The conversation as the model saw it, from the log's user messages, replies and tool results. */
export function conversationFromLog(entries: readonly AttemptLogEntry[]): Message[] {
	const messages: Message[] = [];
	let text = '';
	let calls: ToolCall[] = [];
	const answered = new Set<string>();
	const closeTurn = () => {
		if (!text && calls.length === 0) return;
		messages.push(
			calls.length
				? { role: 'assistant', content: text, toolCalls: calls }
				: { role: 'assistant', content: text }
		);
		text = '';
		calls = [];
	};
	for (const entry of entries) {
		if (entry.kind === 'user') {
			closeTurn();
			messages.push(
				entry.images?.length
					? { role: 'user', content: entry.text, images: entry.images }
					: { role: 'user', content: entry.text }
			);
		}
		if (entry.kind !== 'agent') continue;
		const event = entry.event;
		if (event.type === 'turn_start') closeTurn();
		else if (event.type === 'text_delta') text += event.delta;
		else if (event.type === 'reset') text = '';
		else if (event.type === 'tool_call')
			calls.push({ id: event.id, name: event.name, arguments: event.arguments });
		else if (event.type === 'tool_result') {
			closeTurn();
			answered.add(event.id);
			messages.push({ role: 'tool', toolCallId: event.id, content: event.content });
		}
	}
	closeTurn();
	// Every call needs an answer, or the model API refuses the conversation.
	const unanswered = messages
		.flatMap((m) => (m.role === 'assistant' ? (m.toolCalls ?? []) : []))
		.filter((c) => !answered.has(c.id));
	for (const call of unanswered)
		messages.push({
			role: 'tool',
			toolCallId: call.id,
			content: 'Not run: the page was closed before this call finished.'
		});
	return messages;
}

/** Re-applies the file edits apply_patch made, in order, on a fresh sandbox. */
export async function replayPatches(
	entries: readonly AttemptLogEntry[],
	sandbox: Sandbox
): Promise<number> {
	let replayed = 0;
	for (const entry of entries) {
		if (entry.kind !== 'agent' || entry.event.type !== 'tool_result') continue;
		const details = entry.event.details;
		if (details.kind !== 'apply_patch' || details.error) continue;
		for (const change of details.changes) {
			if (change.type === 'delete') await sandbox.remove(change.path);
			else if (change.after !== undefined) {
				if (change.movePath) await sandbox.remove(change.path);
				await sandbox.writeFile(change.movePath ?? change.path, change.after);
			}
			replayed++;
		}
	}
	return replayed;
}

// Assembles the system prompt from the Markdown beside this file: the shared part, the mode's
// part, then what this task adds (its test command, its network policy, a setup that did not
// run, the AGENTS.md files).
import agentsSection from './agents-docs.md?raw';
import type { AgentsDoc } from './agents-md.ts';
import askMode from './mode-ask.md?raw';
import codeMode from './mode-code.md?raw';
import base from './system-prompt.md?raw';
import testSection from './test-command.md?raw';
import type { AgentMode } from './types.ts';

export type SystemPromptOptions = {
	mode: AgentMode;
	agentsDocs?: AgentsDoc[];
	/** The environment's test command, e.g. `npm test`. */
	testCommand?: string;
	/** What the network policy allows, in words; without it the prompt says there is none. */
	networkNote?: string;
	/** Setup that did not run (Lite without Node), in one sentence: the agent must not assume it did. */
	setupNote?: string;
};

export function buildSystemPrompt(options: SystemPromptOptions): string {
	const { testCommand, networkNote, setupNote } = options;
	const parts = [base, options.mode === 'code' ? codeMode : askMode];
	// Replacer functions, so a `$` in the inserted text is not read as a replacement pattern.
	if (testCommand) parts.push(testSection.replace('{{command}}', () => testCommand));
	if (networkNote) parts.push(`## Network\n\n${networkNote}`);
	if (setupNote) parts.push(`## Setup\n\n${setupNote}`);
	const docs = options.agentsDocs ?? [];
	if (docs.length) {
		const quoted = docs.map((doc) => `### ${doc.path}\n\n${doc.text.trim()}`).join('\n\n');
		parts.push(agentsSection.replace('{{docs}}', () => quoted));
	}
	return `${parts.map((part) => part.trim()).join('\n\n')}\n`;
}

import { describe, expect, it } from 'vitest';
import { buildSystemPrompt } from '../../../src/lib/core/agent/index.ts';

/** The prompt's `## ` sections: [heading, body] pairs, in order. */
function sections(prompt: string): Array<[string, string]> {
	return prompt
		.split(/^## /m)
		.slice(1)
		.map((section) => {
			const [heading = '', ...body] = section.split('\n');
			return [heading, body.join('\n').trim()];
		});
}

describe('buildSystemPrompt', () => {
	it('is the shared part and the Code part when nothing else is known', () => {
		const prompt = buildSystemPrompt({ mode: 'code' });
		expect(prompt.startsWith('You are Patchbay, a coding agent.')).toBe(true);
		expect(sections(prompt).map(([heading]) => heading)).toEqual([
			'Environment',
			'How to work',
			'Mode: Code'
		]);
		expect(prompt.endsWith('and anything left for the user to decide or do.\n')).toBe(true);
	});

	it('adds the test command, the network note, a skipped setup and the AGENTS.md files, in that order', () => {
		const prompt = buildSystemPrompt({
			mode: 'code',
			testCommand: 'npm test -- --run $CI',
			networkNote: 'Network access is on for npm (GET only).',
			setupNote:
				"The environment's setup script (`npm ci`) was skipped because `npm ci` needs Node.",
			agentsDocs: [
				{ path: 'AGENTS.md', text: 'Use tabs.\n', truncated: false },
				{ path: 'app/AGENTS.md', text: 'Run `npm test -w app`.', truncated: false }
			]
		});
		expect(sections(prompt).slice(3)).toEqual([
			[
				'Tests',
				"This repository's test command is `npm test -- --run $CI`. Run it to check your changes before you\nfinish."
			],
			['Network', 'Network access is on for npm (GET only).'],
			[
				'Setup',
				"The environment's setup script (`npm ci`) was skipped because `npm ci` needs Node."
			],
			[
				'Project instructions (AGENTS.md)',
				"The repository's AGENTS.md files, from the root down to the working directory. Follow them;\n" +
					"where they disagree, the one further down (more specific) wins. The user's request and this\n" +
					'prompt come first.\n\n### AGENTS.md\n\nUse tabs.\n\n### app/AGENTS.md\n\nRun `npm test -w app`.'
			]
		]);
	});

	it('asks for a read-only answer and a tasks block in Ask mode', () => {
		const prompt = buildSystemPrompt({ mode: 'ask' });
		const [heading, body] = sections(prompt).at(-1)!;
		expect(heading).toBe('Mode: Ask');
		expect(body).toContain('This run is read-only.');
		expect(body).toContain('```tasks\n[\n  {"title": ');
		expect(prompt).not.toContain('Mode: Code');
	});
});

import { describe, expect, it } from 'vitest';
import { parseProposedTasks } from '../../../src/lib/core/agent/index.ts';

describe('parseProposedTasks', () => {
	it('takes the tasks block out of the answer and returns its tasks', () => {
		const text = [
			'The parser lives in `src/parse.ts:10`; it costs $5 of effort to fix.',
			'',
			'```tasks',
			'[',
			'  {"title": " Add parser tests ", "prompt": "Add tests for parse() in src/parse.ts."},',
			'  {"title": "Handle CRLF", "prompt": "Make parse() accept CRLF line endings."}',
			']',
			'```',
			''
		].join('\n');
		expect(parseProposedTasks(text)).toEqual({
			answer: 'The parser lives in `src/parse.ts:10`; it costs $5 of effort to fix.',
			tasks: [
				{ title: 'Add parser tests', prompt: 'Add tests for parse() in src/parse.ts.' },
				{ title: 'Handle CRLF', prompt: 'Make parse() accept CRLF line endings.' }
			]
		});
	});

	it('drops entries without a title and a prompt', () => {
		const text =
			'```tasks\n[{"title": "Only a title"}, "text", {"title": "T", "prompt": "P"}, null]\n```';
		expect(parseProposedTasks(text)).toEqual({
			answer: '',
			tasks: [{ title: 'T', prompt: 'P' }]
		});
	});

	it('leaves a block that is not a JSON array in the answer', () => {
		for (const body of ['[{"title": "x",}]', '{"title": "T", "prompt": "P"}']) {
			const text = `Answer.\n\n\`\`\`tasks\n${body}\n\`\`\``;
			expect(parseProposedTasks(text)).toEqual({ answer: text, tasks: [] });
		}
	});

	it('uses the last block when there are several, and finds none in other fences', () => {
		const text =
			'```json\n[{"title": "A", "prompt": "B"}]\n```\n\n```tasks\n[{"title": "1", "prompt": "one"}]\n```\n\n' +
			'```tasks\n[{"title": "2", "prompt": "two"}]\n```';
		expect(parseProposedTasks(text)).toEqual({
			answer: '```json\n[{"title": "A", "prompt": "B"}]\n```',
			tasks: [{ title: '2', prompt: 'two' }]
		});
		expect(parseProposedTasks('No tasks here.')).toEqual({ answer: 'No tasks here.', tasks: [] });
	});
});

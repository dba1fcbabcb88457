import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../src/lib/core/agent/index.ts';
import { type ModelServer, startModelServer } from '../../servers/model.ts';
import { anyDuration, ask, GREET, harness, joined, modelOf, SYSTEM, totals } from './harness.ts';

let server: ModelServer;

beforeAll(async () => {
	server = await startModelServer();
});
afterAll(() => server.close());

const usage = { promptTokens: 100, completionTokens: 10 };
const HI = GREET.replace('Hello', 'Hi');
const PATCH = [
	'*** Begin Patch',
	'*** Update File: src/greet.ts',
	'@@',
	' export function greet(name: string) {',
	"-\treturn 'Hello ' + name;",
	"+\treturn 'Hi ' + name;",
	' }',
	'*** End Patch'
].join('\n');

/** The events of one successful shell call whose output is all on stdout. */
function shellCall(turn: number, id: string, command: string, output: string): AgentEvent[] {
	return [
		{ type: 'tool_call', turn, id, name: 'shell', arguments: JSON.stringify({ command }) },
		{ type: 'tool_output', id, stream: 'stdout', chunk: output },
		{
			type: 'tool_result',
			id,
			name: 'shell',
			ok: true,
			content: `Exit code: 0\nOutput:\n${output}`,
			details: {
				kind: 'shell',
				command,
				workdir: '',
				exitCode: 0,
				timedOut: false,
				aborted: false,
				output,
				truncated: false
			},
			durationMs: anyDuration
		}
	];
}

function usageAt(turn: number): AgentEvent {
	return {
		type: 'usage',
		turn,
		usage,
		total: { promptTokens: 100 * turn, completionTokens: 10 * turn },
		estimated: false,
		...modelOf(server)
	};
}

describe('runAgent: a whole task', () => {
	it('explores, patches, checks and finishes, with every step reported', async () => {
		const h = await harness(server, [
			{
				expect: {
					systemContains: SYSTEM,
					messages: { roles: ['system', 'user'] },
					tools: { exactly: ['shell', 'apply_patch'] }
				},
				content: 'Let me look.',
				toolCalls: [{ name: 'shell', arguments: { command: 'ls' } }],
				usage
			},
			{
				expect: { lastMessage: { role: 'tool', toolCallId: 'call_1_1', contains: 'README.md' } },
				toolCalls: [{ name: 'shell', arguments: { command: 'grep -rn Hello src' } }],
				usage
			},
			{
				expect: { lastMessage: { role: 'tool', contains: "src/greet.ts:2:\treturn 'Hello '" } },
				toolCalls: [{ name: 'apply_patch', arguments: { input: PATCH } }],
				usage
			},
			{
				expect: {
					lastMessage: {
						role: 'tool',
						equals: 'Success. Updated the following files:\nM src/greet.ts'
					}
				},
				toolCalls: [{ name: 'shell', arguments: { command: 'cat src/greet.ts' } }],
				usage
			},
			{
				expect: { lastMessage: { role: 'tool', contains: "return 'Hi ' + name;" } },
				content: 'Changed the greeting.',
				usage
			}
		]);
		const result = await h.run(ask('Say Hi instead of Hello.'));
		expect(joined(h.events)).toEqual([
			{ type: 'turn_start', turn: 1 },
			{ type: 'text_delta', turn: 1, delta: 'Let me look.' },
			usageAt(1),
			...shellCall(1, 'call_1_1', 'ls', 'README.md\nsrc\n'),
			{ type: 'turn_end', turn: 1, finish: 'tool_calls' },
			{ type: 'turn_start', turn: 2 },
			usageAt(2),
			...shellCall(
				2,
				'call_2_1',
				'grep -rn Hello src',
				"src/greet.ts:2:\treturn 'Hello ' + name;\n"
			),
			{ type: 'turn_end', turn: 2, finish: 'tool_calls' },
			{ type: 'turn_start', turn: 3 },
			usageAt(3),
			{
				type: 'tool_call',
				turn: 3,
				id: 'call_3_1',
				name: 'apply_patch',
				arguments: JSON.stringify({ input: PATCH })
			},
			{
				type: 'tool_result',
				id: 'call_3_1',
				name: 'apply_patch',
				ok: true,
				content: 'Success. Updated the following files:\nM src/greet.ts',
				details: {
					kind: 'apply_patch',
					changes: [{ type: 'update', path: 'src/greet.ts', before: GREET, after: HI }]
				},
				durationMs: anyDuration
			},
			{ type: 'turn_end', turn: 3, finish: 'tool_calls' },
			{ type: 'turn_start', turn: 4 },
			usageAt(4),
			...shellCall(4, 'call_4_1', 'cat src/greet.ts', HI),
			{ type: 'turn_end', turn: 4, finish: 'tool_calls' },
			{ type: 'turn_start', turn: 5 },
			{ type: 'text_delta', turn: 5, delta: 'Changed the greeting.' },
			usageAt(5),
			{ type: 'turn_end', turn: 5, finish: 'stop' },
			{
				type: 'final',
				reason: 'done',
				message: 'The agent finished.',
				summary: 'Changed the greeting.',
				proposedTasks: [],
				totals: totals(5, 4, 500, 50)
			}
		]);
		expect(new TextDecoder().decode((await h.sandbox.readFile('src/greet.ts'))!)).toBe(HI);
		expect(result.final).toEqual(h.events.at(-1));
		expect(result.messages.map((message) => message.role)).toEqual([
			'user',
			...Array<string[]>(4).fill(['assistant', 'tool']).flat(),
			'assistant'
		]);
		expect(h.state().mismatches).toEqual([]);
	});

	it('continues the same conversation in a follow-up run', async () => {
		const h = await harness(server, [
			{ content: 'First answer.', usage },
			{
				expect: {
					messages: { roles: ['system', 'user', 'assistant', 'user'] },
					lastMessage: { role: 'user', equals: 'And now?' }
				},
				content: 'Second answer.',
				usage
			}
		]);
		const first = await h.run(ask('First question.'));
		const second = await h.run([...first.messages, { role: 'user', content: 'And now?' }]);
		expect(second.messages).toEqual([
			{ role: 'user', content: 'First question.' },
			{ role: 'assistant', content: 'First answer.' },
			{ role: 'user', content: 'And now?' },
			{ role: 'assistant', content: 'Second answer.' }
		]);
		expect(second.final.summary).toBe('Second answer.');
		expect(h.state().requests[1]?.messages).toEqual([
			{ role: 'system', content: SYSTEM },
			{ role: 'user', content: 'First question.' },
			{ role: 'assistant', content: 'First answer.' },
			{ role: 'user', content: 'And now?' }
		]);
		expect(h.state().mismatches).toEqual([]);
	});
});

// How the loop dispatches tool calls: mistakes go back to the model as results it can fix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	shellTool,
	toolMap,
	type AgentEvent,
	type Tool
} from '../../../src/lib/core/agent/index.ts';
import { type ModelServer, startModelServer } from '../../servers/model.ts';
import { anyDuration, ask, GREET, harness, totals } from './harness.ts';

let server: ModelServer;

beforeAll(async () => {
	server = await startModelServer();
});
afterAll(() => server.close());

const usage = { promptTokens: 100, completionTokens: 10 };
const results = (events: AgentEvent[]) => events.filter((event) => event.type === 'tool_result');

function patchReplacing(oldLine: string, newLine: string): string {
	return [
		'*** Begin Patch',
		'*** Update File: src/greet.ts',
		'@@',
		` export function greet(name: string) {`,
		`-${oldLine}`,
		`+${newLine}`,
		' }',
		'*** End Patch'
	].join('\n');
}

describe('runAgent: tool calls the model gets wrong', () => {
	it('answers a patch that does not fit with the reason, and the model recovers', async () => {
		const wrong = patchReplacing("\treturn 'Howdy ' + name;", "\treturn 'Hi ' + name;");
		const right = patchReplacing("\treturn 'Hello ' + name;", "\treturn 'Hi ' + name;");
		const failure =
			'Failed to find context in src/greet.ts (hunk 1): expected lines:\n' +
			"  export function greet(name: string) {\n  \treturn 'Howdy ' + name;\n  }\n" +
			'Nothing was changed. Read the file again and copy the context and removed lines from it exactly.';
		const h = await harness(server, [
			{ toolCalls: [{ name: 'apply_patch', arguments: { input: wrong } }], usage },
			{
				expect: {
					lastMessage: { role: 'tool', toolCallId: 'call_1_1', contains: 'Failed to find context' }
				},
				toolCalls: [{ name: 'apply_patch', arguments: { input: right } }],
				usage
			},
			{
				expect: {
					lastMessage: { role: 'tool', contains: 'Success. Updated the following files:' }
				},
				content: 'Fixed it on the second try.',
				usage
			}
		]);
		const result = await h.run(ask('Say Hi.'));
		expect(results(h.events)).toEqual([
			{
				type: 'tool_result',
				id: 'call_1_1',
				name: 'apply_patch',
				ok: false,
				content: failure,
				details: {
					kind: 'apply_patch',
					changes: [],
					error: {
						code: 'context-not-found',
						message: failure.slice(0, failure.indexOf('\nNothing was changed')),
						hint: 'Nothing was changed. Read the file again and copy the context and removed lines from it exactly.'
					}
				},
				durationMs: anyDuration
			},
			{
				type: 'tool_result',
				id: 'call_2_1',
				name: 'apply_patch',
				ok: true,
				content: 'Success. Updated the following files:\nM src/greet.ts',
				details: {
					kind: 'apply_patch',
					changes: [
						{
							type: 'update',
							path: 'src/greet.ts',
							before: GREET,
							after: GREET.replace('Hello', 'Hi')
						}
					]
				},
				durationMs: anyDuration
			}
		]);
		expect(result.final.reason).toBe('done');
		expect(new TextDecoder().decode((await h.sandbox.readFile('src/greet.ts'))!)).toBe(
			GREET.replace('Hello', 'Hi')
		);
		expect(h.state().mismatches).toEqual([]);
	});

	it('answers unparseable JSON, bad arguments and unknown tools with errors, and goes on', async () => {
		const h = await harness(server, [
			{
				toolCalls: [
					{ name: 'shell', arguments: '{"command": "ls"' },
					{ name: 'shell', arguments: { cmd: 'ls', timeout_ms: 'soon' } },
					{ name: 'web_fetch', arguments: { url: 'https://example.com' } },
					{ name: 'shell', arguments: '' }
				],
				usage
			},
			{
				expect: {
					messages: {
						roles: ['system', 'user', 'assistant', 'tool', 'tool', 'tool', 'tool'],
						someContains: ['not valid JSON', 'missing required property', 'Unknown tool']
					}
				},
				content: 'I will call the tools properly next time.',
				usage
			}
		]);
		const result = await h.run(ask('Try things.'));
		const invalid = (id: string, name: string, message: string | RegExp) => {
			const content = typeof message === 'string' ? message : expect.stringMatching(message);
			return {
				type: 'tool_result',
				id,
				name,
				ok: false,
				content,
				details: { kind: 'invalid_call', message: content },
				durationMs: anyDuration
			};
		};
		expect(results(h.events)).toEqual([
			invalid(
				'call_1_1',
				'shell',
				/^The arguments of shell are not valid JSON \(.+\)\. Send them again as one JSON object\.$/
			),
			invalid(
				'call_1_2',
				'shell',
				'Invalid arguments for shell: missing required property "command"; unknown property "cmd"; ' +
					'"timeout_ms" must be an integer, not "soon".'
			),
			invalid(
				'call_1_3',
				'web_fetch',
				'Unknown tool "web_fetch". The tools you can call are: shell, apply_patch.'
			),
			invalid(
				'call_1_4',
				'shell',
				'Invalid arguments for shell: missing required property "command".'
			)
		]);
		expect(result.final).toMatchObject({ reason: 'done', totals: totals(2, 4, 200, 20) });
		expect(h.state().mismatches).toEqual([]);
	});

	it('answers a tool that throws with its message, and passes tools their context', async () => {
		const seen: string[] = [];
		const probe: Tool = {
			name: 'probe',
			description: 'Reports what it was given, then fails.',
			parameters: { type: 'object', properties: {}, required: [], additionalProperties: false },
			async run(_args, ctx) {
				ctx.onOutput({ stream: 'stderr', text: 'probing\n' });
				seen.push(ctx.sandbox.root, String(ctx.signal.aborted));
				seen.push(JSON.stringify(ctx.network?.decide?.('https://x.test/', 'GET')));
				throw new Error('disk on fire');
			}
		};
		const network = { decide: () => ({ allowed: false, reason: 'network is off' }) };
		const h = await harness(
			server,
			[
				{ toolCalls: [{ name: 'probe', arguments: {} }], usage },
				{ content: 'Ok.', usage }
			],
			{ tools: toolMap(shellTool, probe), network }
		);
		await h.run(ask('Probe.'));
		expect(seen).toEqual(['/work', 'false', '{"allowed":false,"reason":"network is off"}']);
		expect(h.events.filter((event) => event.type.startsWith('tool_'))).toEqual([
			{ type: 'tool_call', turn: 1, id: 'call_1_1', name: 'probe', arguments: '{}' },
			{ type: 'tool_output', id: 'call_1_1', stream: 'stderr', chunk: 'probing\n' },
			{
				type: 'tool_result',
				id: 'call_1_1',
				name: 'probe',
				ok: false,
				content: 'The probe tool failed: disk on fire',
				details: { kind: 'tool_failed', message: 'The probe tool failed: disk on fire' },
				durationMs: anyDuration
			}
		]);
	});
});

describe('runAgent: Ask mode', () => {
	it('offers no editing tools, refuses them, and returns the proposed tasks', async () => {
		const answer =
			'The greeting lives in `src/greet.ts:2`.\n\n```tasks\n' +
			'[{"title": "Say Hi", "prompt": "Change the greeting in src/greet.ts to Hi."}]\n```';
		const h = await harness(
			server,
			[
				{
					expect: { tools: { exactly: ['shell'] } },
					toolCalls: [{ name: 'apply_patch', arguments: { input: '*** Begin Patch' } }],
					usage
				},
				{ content: answer, usage }
			],
			{ mode: 'ask' }
		);
		const result = await h.run(ask('Where is the greeting?'));
		expect(results(h.events).map((event) => event.content)).toEqual([
			'Unknown tool "apply_patch". The tools you can call are: shell.'
		]);
		expect(result.final).toEqual({
			type: 'final',
			reason: 'done',
			message: 'The agent finished.',
			summary: 'The greeting lives in `src/greet.ts:2`.',
			proposedTasks: [{ title: 'Say Hi', prompt: 'Change the greeting in src/greet.ts to Hi.' }],
			totals: totals(2, 1, 200, 20)
		});
		expect(result.messages.at(-1)).toEqual({ role: 'assistant', content: answer });
		expect(h.state().mismatches).toEqual([]);
	});
});

describe('runAgent: context compaction', () => {
	it('compacts old tool outputs once the history nears the context window', async () => {
		const dump: Tool = {
			name: 'dump',
			description: 'Prints a lot.',
			parameters: { type: 'object', properties: {}, required: [], additionalProperties: false },
			run: async () => ({
				ok: true,
				content: 'x'.repeat(4000),
				details: { kind: 'tool_failed', message: 'unused' }
			})
		};
		const call = { toolCalls: [{ name: 'dump', arguments: {} }], usage };
		const h = await harness(
			server,
			[
				call,
				{ ...call, expect: { messages: { noneContains: '[compacted]' } } },
				{ ...call, expect: { messages: { noneContains: '[compacted]' } } },
				{
					expect: {
						messages: {
							roles: [
								'system',
								'user',
								'assistant',
								'tool',
								'user',
								'assistant',
								'tool',
								'assistant',
								'tool'
							],
							someContains: [
								'[compacted] 4000 characters of output removed to save context.',
								'- dump {} (4000 characters of output)'
							]
						}
					},
					content: 'Done.',
					usage
				}
			],
			{ tools: toolMap(dump), contextWindow: 3000, systemPrompt: 'S' }
		);
		const result = await h.run(ask('Dump.'));
		// Before: three 4,000-character outputs (3 × 1,004 tokens with framing), the rest of the
		// history and the tool spec; after: one output is a stub and the note is added.
		expect(h.events.filter((event) => event.type === 'compaction')).toEqual([
			{ type: 'compaction', messages: 1, tokensBefore: 3075, tokensAfter: 2155 }
		]);
		expect(result.messages[3]).toEqual({
			role: 'user',
			content:
				'[Context note] To stay within the context window, the outputs of these earlier tool calls were\n' +
				'replaced by short stubs. What they did to the files still holds; run a command again if you\n' +
				'need its output.\n\n- dump {} (4000 characters of output)'
		});
		expect(h.state().mismatches).toEqual([]);
	});
});

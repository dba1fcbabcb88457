// Each way a run can end, and how each looks in the event stream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../src/lib/core/agent/index.ts';
import { type ModelServer, startModelServer } from '../../servers/model.ts';
import { anyDuration, ask, harness, joined, modelOf, totals, until } from './harness.ts';

let server: ModelServer;

beforeAll(async () => {
	server = await startModelServer();
});
afterAll(() => server.close());

const usage = { promptTokens: 100, completionTokens: 10 };
const types = (events: AgentEvent[]) => joined(events).map((event) => event.type);

describe('runAgent: budgets', () => {
	it('stops at max_turns after the last allowed turn ran its tools', async () => {
		const h = await harness(
			server,
			[
				{ toolCalls: [{ name: 'shell', arguments: { command: 'echo one' } }], usage },
				{ toolCalls: [{ name: 'shell', arguments: { command: 'echo two' } }], usage }
			],
			{ budgets: { maxTurns: 2 } }
		);
		const result = await h.run(ask('Loop forever.'));
		expect(types(h.events)).toEqual([
			...['turn_start', 'usage', 'tool_call', 'tool_output', 'tool_result', 'turn_end'],
			...['turn_start', 'usage', 'tool_call', 'tool_output', 'tool_result', 'turn_end'],
			'final'
		]);
		expect(result.final).toEqual({
			type: 'final',
			reason: 'max_turns',
			message: 'Stopped after 2 turns: the limit is 2.',
			summary: '',
			proposedTasks: [],
			totals: totals(2, 2, 200, 20)
		});
		expect(result.messages.at(-1)).toEqual({
			role: 'tool',
			toolCallId: 'call_2_1',
			content: 'Exit code: 0\nOutput:\ntwo\n'
		});
		expect([h.state().requests.length, h.state().mismatches]).toEqual([2, []]);
	});

	it('stops at max_tokens without running the calls of the turn that went over', async () => {
		const h = await harness(
			server,
			[
				{
					content: 'Writing.',
					toolCalls: [{ name: 'shell', arguments: { command: 'echo ran > ran.txt' } }],
					usage: { promptTokens: 900, completionTokens: 150 }
				}
			],
			{ budgets: { maxTokens: 1000 } }
		);
		const result = await h.run(ask('Spend tokens.'));
		const content = 'Not run: the run stopped (max_tokens) before this call.';
		expect(joined(h.events)).toEqual([
			{ type: 'turn_start', turn: 1 },
			{ type: 'text_delta', turn: 1, delta: 'Writing.' },
			{
				type: 'usage',
				turn: 1,
				usage: { promptTokens: 900, completionTokens: 150 },
				total: { promptTokens: 900, completionTokens: 150 },
				estimated: false,
				...modelOf(server)
			},
			{
				type: 'tool_call',
				turn: 1,
				id: 'call_1_1',
				name: 'shell',
				arguments: '{"command":"echo ran > ran.txt"}'
			},
			{
				type: 'tool_result',
				id: 'call_1_1',
				name: 'shell',
				ok: false,
				content,
				details: { kind: 'not_run', reason: 'max_tokens' },
				durationMs: 0
			},
			{ type: 'turn_end', turn: 1, finish: 'tool_calls' },
			{
				type: 'final',
				reason: 'max_tokens',
				message: 'Stopped after 1050 tokens: the limit is 1000.',
				summary: 'Writing.',
				proposedTasks: [],
				totals: totals(1, 0, 900, 150)
			}
		]);
		expect(await h.sandbox.readFile('ran.txt')).toBeNull();
		expect(result.messages.at(-1)).toEqual({ role: 'tool', toolCallId: 'call_1_1', content });
	});

	it('stops at max_wall_time while the model is still thinking', async () => {
		const h = await harness(server, [{ content: 'Too late.', delayMs: 5000 }], {
			budgets: { maxWallMs: 300 }
		});
		const started = Date.now();
		const result = await h.run(ask('Take your time.'));
		expect(Date.now() - started).toBeLessThan(1500);
		expect(h.events).toEqual([
			{ type: 'turn_start', turn: 1 },
			{ type: 'turn_end', turn: 1, finish: 'aborted' },
			{
				type: 'final',
				reason: 'max_wall_time',
				message: 'Stopped: the time limit of 0.3 s was reached.',
				summary: '',
				proposedTasks: [],
				totals: totals(1, 0, 0, 0)
			}
		]);
		expect(result.messages).toEqual(ask('Take your time.'));
	});

	it('stops at max_wall_time during a command, and does not run the next call', async () => {
		const h = await harness(
			server,
			[
				{
					toolCalls: [
						{ name: 'shell', arguments: { command: 'sleep 5' } },
						{ name: 'shell', arguments: { command: 'echo after' } }
					],
					usage
				}
			],
			{ budgets: { maxWallMs: 300 } }
		);
		const result = await h.run(ask('Sleep.'));
		expect(types(h.events)).toEqual([
			...['turn_start', 'usage', 'tool_call', 'tool_output', 'tool_result'],
			...['tool_call', 'tool_result', 'turn_end', 'final']
		]);
		expect(result.messages.slice(-2)).toEqual([
			{
				role: 'tool',
				toolCallId: 'call_1_1',
				content: 'Exit code: 130 (cancelled)\nOutput:\nbash: execution aborted\n'
			},
			{
				role: 'tool',
				toolCallId: 'call_1_2',
				content: 'Not run: the run stopped (max_wall_time) before this call.'
			}
		]);
		expect(result.final.reason).toBe('max_wall_time');
	});
});

describe('runAgent: cancelling', () => {
	it('ends promptly with cancelled when the user cancels while the model hangs', async () => {
		const h = await harness(server, [
			{ toolCalls: [{ name: 'shell', arguments: { command: 'echo hi' } }], usage },
			{ hang: true }
		]);
		const controller = new AbortController();
		const running = h.run(ask('Start.'), { signal: controller.signal });
		await until(() => h.state().requests.length === 2);
		const cancelled = Date.now();
		controller.abort();
		const result = await running;
		expect(Date.now() - cancelled).toBeLessThan(1000);
		expect(types(h.events)).toEqual([
			...['turn_start', 'usage', 'tool_call', 'tool_output', 'tool_result', 'turn_end'],
			...['turn_start', 'turn_end', 'final']
		]);
		expect(result.final).toEqual({
			type: 'final',
			reason: 'cancelled',
			message: 'Cancelled.',
			summary: '',
			proposedTasks: [],
			totals: totals(2, 1, 100, 10)
		});
	});

	it('ends promptly with cancelled when the user cancels during a command', async () => {
		const h = await harness(server, [
			{ toolCalls: [{ name: 'shell', arguments: { command: 'sleep 10' } }], usage }
		]);
		const controller = new AbortController();
		const running = h.run(ask('Start.'), { signal: controller.signal });
		await until(() => h.events.some((event) => event.type === 'tool_call'));
		const cancelled = Date.now();
		controller.abort();
		const result = await running;
		expect(Date.now() - cancelled).toBeLessThan(1000);
		expect(h.events.filter((event) => event.type === 'tool_result')).toEqual([
			{
				type: 'tool_result',
				id: 'call_1_1',
				name: 'shell',
				ok: false,
				content: 'Exit code: 130 (cancelled)\nOutput:\nbash: execution aborted\n',
				details: {
					kind: 'shell',
					command: 'sleep 10',
					workdir: '',
					exitCode: 130,
					timedOut: false,
					aborted: true,
					output: 'bash: execution aborted\n',
					truncated: false
				},
				durationMs: anyDuration
			}
		]);
		expect(result.final.reason).toBe('cancelled');
	});
});

describe('runAgent: model failures', () => {
	it('ends with error when the model refuses the request, saying why', async () => {
		const h = await harness(server, [{ error: { status: 401, message: 'Bad key.' } }]);
		const result = await h.run(ask('Hello?'));
		const message =
			'The model server refused the API key (401): 401 Bad key. Check the key in Settings.';
		expect(h.events).toEqual([
			{ type: 'turn_start', turn: 1 },
			{ type: 'error', turn: 1, error: { code: 'unauthorized', status: 401, message } },
			{ type: 'turn_end', turn: 1, finish: 'error' },
			{
				type: 'final',
				reason: 'error',
				message,
				summary: '',
				proposedTasks: [],
				totals: totals(1, 0, 0, 0)
			}
		]);
		expect(result.messages).toEqual(ask('Hello?'));
	});

	it("ends with length when the model's reply hits its output limit", async () => {
		const h = await harness(server, [{ content: 'Half a sent', finishReason: 'length', usage }]);
		const result = await h.run(ask('Write a novel.'));
		expect(result.final).toEqual({
			type: 'final',
			reason: 'length',
			message: "Stopped: the model's reply was cut off at its output limit.",
			summary: 'Half a sent',
			proposedTasks: [],
			totals: totals(1, 0, 100, 10)
		});
	});

	it('shows retries, and drops the partial text of a cut stream', async () => {
		const h = await harness(server, [
			{ error: { status: 500 } },
			{ content: 'Partial reply, cut', cutAfterChunks: 2 },
			{ content: 'Done.', usage }
		]);
		const result = await h.run(ask('Go.'));
		expect(joined(h.events)).toEqual([
			{ type: 'turn_start', turn: 1 },
			{
				type: 'retry',
				turn: 1,
				attempt: 1,
				delayMs: 1,
				reason: 'server-error',
				message:
					'The model server failed: 500 The server had an error while processing your request. Sorry about that!'
			},
			{ type: 'text_delta', turn: 1, delta: 'Partial ' },
			{ type: 'reset', turn: 1 },
			{
				type: 'retry',
				turn: 1,
				attempt: 2,
				delayMs: 2,
				reason: 'connection',
				message: 'The connection to the model server broke mid-reply (terminated).'
			},
			{ type: 'text_delta', turn: 1, delta: 'Done.' },
			{ type: 'usage', turn: 1, usage, total: usage, estimated: false, ...modelOf(server) },
			{ type: 'turn_end', turn: 1, finish: 'stop' },
			{
				type: 'final',
				reason: 'done',
				message: 'The agent finished.',
				summary: 'Done.',
				proposedTasks: [],
				totals: totals(1, 0, 100, 10)
			}
		]);
		expect(result.messages).toEqual([...ask('Go.'), { role: 'assistant', content: 'Done.' }]);
	});
});

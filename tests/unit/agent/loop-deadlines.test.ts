// A run whose model server goes quiet ends on its own: the deadline retries show in the events,
// then the run fails with the model's `timeout` code. Limits are short; nothing measures time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreTools, runAgent, type AgentEvent } from '../../../src/lib/core/agent/index.ts';
import { createModelClient } from '../../../src/lib/core/model/index.ts';
import { createLiteSandbox } from '../../../src/lib/core/sandbox/index.ts';
import { type ModelServer, startModelServer, type Step } from '../../servers/model.ts';
import { ask, joined, SYSTEM, totals } from './harness.ts';

let server: ModelServer;

beforeAll(async () => {
	server = await startModelServer();
});
afterAll(() => server.close());

async function runQuietServer(steps: Step[]) {
	const { id, baseURL } = server.script(steps);
	const model = createModelClient({
		baseURL,
		apiKey: 'sk-test',
		model: 'scripted-model',
		retryBaseMs: 1,
		random: () => 0,
		maxRetries: 2,
		// Every scripted reply sends its headers at once, so only the idle limit can end one: a
		// connect limit as short as the idle one would race the server on a loaded machine (the
		// never-answering server is covered by the client's own deadline tests).
		connectTimeoutMs: 30_000,
		idleTimeoutMs: 400
	});
	const events: AgentEvent[] = [];
	const input = { systemPrompt: SYSTEM, tools: coreTools(), model, mode: 'code' as const };
	const sandbox = createLiteSandbox();
	const result = await runAgent(
		{ ...input, sandbox, messages: ask('Go.') },
		(event) => events.push(event),
		new AbortController().signal
	);
	return { result, events, state: () => server.session(id)! };
}

describe('runAgent: model deadlines', () => {
	it('fails with the timeout code after visible retries when the server stalls', async () => {
		const { result, events, state } = await runQuietServer([
			{ content: 'Starting to', hangAfterChunks: 2 },
			{ content: 'Again', hangAfterChunks: 0 },
			{ content: 'Again', hangAfterChunks: 0 }
		]);
		const error = {
			code: 'timeout',
			message:
				'The model sent nothing for 400 ms (gave up after 3 attempts). Check that the model ' +
				'server is running and not overloaded, or allow it more time in Settings → Model → ' +
				'Advanced.'
		};
		expect(joined(events)).toEqual([
			{ type: 'turn_start', turn: 1 },
			{ type: 'text_delta', turn: 1, delta: 'Starting' },
			{ type: 'reset', turn: 1 },
			{
				type: 'retry',
				turn: 1,
				attempt: 1,
				delayMs: 1,
				reason: 'timeout',
				message: 'The model sent nothing for 400 ms; retrying (1 of 2)'
			},
			{
				type: 'retry',
				turn: 1,
				attempt: 2,
				delayMs: 2,
				reason: 'timeout',
				message: 'The model sent nothing for 400 ms; retrying (2 of 2)'
			},
			{ type: 'error', turn: 1, error },
			{ type: 'turn_end', turn: 1, finish: 'error' },
			{
				type: 'final',
				reason: 'error',
				message: error.message,
				summary: '',
				proposedTasks: [],
				totals: totals(1, 0, 0, 0)
			}
		]);
		expect(result.final.reason).toBe('error');
		expect([state().requests.length, state().consumed, state().mismatches]).toEqual([3, 3, []]);
	});
});

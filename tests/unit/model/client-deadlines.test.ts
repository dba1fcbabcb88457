// The request deadlines against the scripted model server: a server that never answers, and one
// that stalls after its headers. Limits are short but not tight, so a busy machine cannot make a
// healthy reply look stalled; nothing here measures time.
import { describe, expect, it } from 'vitest';
import { collect, hi, session, texts, until, usage, useModelServer } from './harness.ts';

useModelServer();

const limits = { connectTimeoutMs: 400, idleTimeoutMs: 400 };

describe('model client: deadlines', () => {
	it('retries a server that never answers, closing each request, then gets the reply', async () => {
		const { client, state } = session(
			[{ hang: true }, { hang: true }, { content: 'Finally here', usage }],
			{ ...limits, maxRetries: 3 }
		);
		expect(await collect(client.stream(hi, new AbortController().signal))).toEqual([
			{
				type: 'retry',
				attempt: 1,
				delayMs: 10,
				reason: 'timeout',
				message: 'The model server did not answer within 400 ms; retrying (1 of 3)'
			},
			{
				type: 'retry',
				attempt: 2,
				delayMs: 20,
				reason: 'timeout',
				message: 'The model server did not answer within 400 ms; retrying (2 of 3)'
			},
			...texts('Finally ', 'here'),
			{ type: 'usage', usage },
			{ type: 'finish', reason: 'stop' }
		]);
		// The server saw both stalled requests go away: the timer closed them, not just stopped
		// waiting for them.
		await until(() => state().aborted === 2);
		expect([state().requests.length, state().consumed, state().mismatches]).toEqual([3, 3, []]);
	});

	it('resets and retries a stream that stalls after its headers and first words', async () => {
		const { client, state } = session(
			[
				{ content: 'This reply stalls', hangAfterChunks: 2 },
				{ content: 'Whole reply', usage }
			],
			limits
		);
		expect(await collect(client.stream(hi, new AbortController().signal))).toEqual([
			...texts('This rep'),
			{ type: 'reset' },
			{
				type: 'retry',
				attempt: 1,
				delayMs: 10,
				reason: 'timeout',
				message: 'The model sent nothing for 400 ms; retrying (1 of 4)'
			},
			...texts('Whole re', 'ply'),
			{ type: 'usage', usage },
			{ type: 'finish', reason: 'stop' }
		]);
		await until(() => state().aborted === 1);
		expect(state().requests.length).toBe(2);
	});

	it('gives up with the code timeout once the retries are spent', async () => {
		const { client, state } = session(
			[{ hang: true }, { content: 'Stalls at once', hangAfterChunks: 0 }, { hang: true }],
			{ connectTimeoutMs: 100, idleTimeoutMs: 100, maxRetries: 2 }
		);
		const events = await collect(client.stream(hi, new AbortController().signal));
		expect(events).toEqual([
			{
				type: 'retry',
				attempt: 1,
				delayMs: 10,
				reason: 'timeout',
				message: 'The model server did not answer within 100 ms; retrying (1 of 2)'
			},
			{
				type: 'retry',
				attempt: 2,
				delayMs: 20,
				reason: 'timeout',
				message: 'The model sent nothing for 100 ms; retrying (2 of 2)'
			},
			{
				type: 'finish',
				reason: 'error',
				error: {
					code: 'timeout',
					message:
						'The model server did not answer within 100 ms (gave up after 3 attempts). Check ' +
						'that the model server is running and not overloaded, or allow it more time in ' +
						'Settings → Model → Advanced.'
				}
			}
		]);
		await until(() => state().aborted === 3);
		expect(state().consumed).toBe(3);
	});

	it("counts a server's keep-alive comments as signs of life, where silence is retried", async () => {
		const { client, state } = session(
			[
				{ content: 'Slow', chunkDelayMs: 700 },
				{ content: 'Slow', chunkDelayMs: 700, keepAliveMs: 100, usage }
			],
			limits
		);
		expect(await collect(client.stream(hi, new AbortController().signal))).toEqual([
			{
				type: 'retry',
				attempt: 1,
				delayMs: 10,
				reason: 'timeout',
				message: 'The model sent nothing for 400 ms; retrying (1 of 4)'
			},
			...texts('Slow'),
			{ type: 'usage', usage },
			{ type: 'finish', reason: 'stop' }
		]);
		expect(state().requests.length).toBe(2);
	});

	it('does not count the time the consumer holds the stream as silence', async () => {
		const { client } = session([{ content: 'Slow reader', usage }], limits);
		const events = [];
		for await (const event of client.stream(hi, new AbortController().signal)) {
			events.push(event);
			// Longer than the idle limit, spent on this side of the stream.
			if (event.type === 'text') await new Promise((resolve) => setTimeout(resolve, 600));
		}
		expect(events).toEqual([
			...texts('Slow rea', 'der'),
			{ type: 'usage', usage },
			{ type: 'finish', reason: 'stop' }
		]);
	});

	it('ends as aborted, not as a timeout, when the caller cancels a stalled request', async () => {
		const { client, state } = session([{ hang: true }], limits);
		const controller = new AbortController();
		const events = collect(client.stream(hi, controller.signal));
		await until(() => state().requests.length === 1);
		controller.abort();
		expect(await events).toEqual([{ type: 'finish', reason: 'aborted' }]);
	});
});

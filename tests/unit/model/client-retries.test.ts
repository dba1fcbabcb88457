import { describe, expect, it } from 'vitest';
import { collect, hi, session, texts, usage, useModelServer } from './harness.ts';

useModelServer();

describe('model client: retries', () => {
	it('waits as long as a 429 asks (Retry-After), then gets the reply', async () => {
		const { client, state } = session([
			{ error: { status: 429, retryAfter: 1 } },
			{ content: 'after the wait', usage }
		]);
		const started = Date.now();
		expect(await collect(client.stream(hi, new AbortController().signal))).toEqual([
			{
				type: 'retry',
				attempt: 1,
				delayMs: 1000,
				reason: 'rate-limited',
				message:
					'Rate limited by the model server: 429 Rate limit reached for requests. Please try again later.'
			},
			...texts('after th', 'e wait'),
			{ type: 'usage', usage },
			{ type: 'finish', reason: 'stop' }
		]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect([state().requests.length, state().consumed, state().mismatches]).toEqual([2, 2, []]);
	});

	it('backs off exponentially after 5xx answers', async () => {
		const { client, state } = session([
			{ error: { status: 500 } },
			{ error: { status: 503, message: 'Overloaded.' } },
			{ content: 'recovered', usage }
		]);
		const events = await collect(client.stream(hi, new AbortController().signal));
		expect(events).toEqual([
			{
				type: 'retry',
				attempt: 1,
				delayMs: 10,
				reason: 'server-error',
				message:
					'The model server failed: 500 The server had an error while processing your request. Sorry about that!'
			},
			{
				type: 'retry',
				attempt: 2,
				delayMs: 20,
				reason: 'server-error',
				message: 'The model server failed: 503 Overloaded.'
			},
			...texts('recovere', 'd'),
			{ type: 'usage', usage },
			{ type: 'finish', reason: 'stop' }
		]);
		expect(state().requests.length).toBe(3);
	});

	it('applies jitter of up to a quarter to the backoff', async () => {
		const { client } = session([{ error: { status: 502 } }, { content: 'ok', usage }], {
			retryBaseMs: 40,
			random: () => 0.5
		});
		const events = await collect(client.stream(hi, new AbortController().signal));
		expect(events[0]).toMatchObject({ type: 'retry', delayMs: 35 });
	});

	it('resets and retries a stream cut mid-way', async () => {
		const { client, state } = session([
			{ content: 'This reply is cut short', cutAfterChunks: 3 },
			{ content: 'Whole reply', usage }
		]);
		expect(await collect(client.stream(hi, new AbortController().signal))).toEqual([
			...texts('This rep', 'ly is cu'),
			{ type: 'reset' },
			{
				type: 'retry',
				attempt: 1,
				delayMs: 10,
				reason: 'connection',
				message: 'The connection to the model server broke mid-reply (terminated).'
			},
			...texts('Whole re', 'ply'),
			{ type: 'usage', usage },
			{ type: 'finish', reason: 'stop' }
		]);
		expect(state().requests.length).toBe(2);
	});

	it('keeps a reply whose connection broke only after its finish reason', async () => {
		const { client, state } = session([{ content: 'Done.', usage, cutAfterChunks: 100 }]);
		expect(await collect(client.stream(hi, new AbortController().signal))).toEqual([
			...texts('Done.'),
			{ type: 'usage', usage },
			{ type: 'finish', reason: 'stop' }
		]);
		expect(state().requests.length).toBe(1);
	});

	it('gives up after maxRetries, saying so', async () => {
		const { client, state } = session(
			[{ error: { status: 500 } }, { error: { status: 500 } }, { error: { status: 500 } }],
			{ maxRetries: 2 }
		);
		const events = await collect(client.stream(hi, new AbortController().signal));
		expect(events.map((event) => event.type)).toEqual(['retry', 'retry', 'finish']);
		expect(events.at(-1)).toEqual({
			type: 'finish',
			reason: 'error',
			error: {
				code: 'server-error',
				status: 500,
				message:
					'The model server failed: 500 The server had an error while processing your request. ' +
					'Sorry about that! (gave up after 3 attempts)'
			}
		});
		expect(state().requests.length).toBe(3);
	});

	it('gives up at once when a 429 asks for a wait longer than a minute', async () => {
		const { client } = session([{ error: { status: 429, retryAfter: 120 } }]);
		expect(await collect(client.stream(hi, new AbortController().signal))).toEqual([
			{
				type: 'finish',
				reason: 'error',
				error: {
					code: 'rate-limited',
					status: 429,
					message:
						'Rate limited by the model server: 429 Rate limit reached for requests. Please try ' +
						'again later. (it asked to wait 120 s before trying again)'
				}
			}
		]);
	});
});

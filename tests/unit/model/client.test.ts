import { describe, expect, it } from 'vitest';
import {
	createModelClient,
	type ModelEvent,
	type ModelRequest
} from '../../../src/lib/core/model/index.ts';
import { startModelServer } from '../../servers/model.ts';
import { collect, hi, session, texts, until, usage, useModelServer } from './harness.ts';

useModelServer();

describe('model client: replies', () => {
	it('streams text, then the usage and the finish', async () => {
		const { client, state } = session([
			{
				content: 'Hello, streaming world!',
				usage,
				expect: { stream: true, model: 'scripted-model' }
			}
		]);
		expect(await collect(client.stream(hi, new AbortController().signal))).toEqual([
			...texts('Hello, s', 'treaming', ' world!'),
			{ type: 'usage', usage },
			{ type: 'finish', reason: 'stop' }
		]);
		expect(state().requests[0]?.stream_options).toEqual({ include_usage: true });
		expect(state().mismatches).toEqual([]);
	});

	it('reads cached and reasoning tokens from the usage details, inside the totals', async () => {
		const reported = {
			promptTokens: 1200,
			completionTokens: 300,
			cachedTokens: 1024,
			reasoningTokens: 256
		};
		const { client, state } = session([{ content: 'Thought about it.', usage: reported }]);
		expect(await collect(client.stream(hi, new AbortController().signal))).toEqual([
			...texts('Thought ', 'about it', '.'),
			{ type: 'usage', usage: reported },
			{ type: 'finish', reason: 'stop' }
		]);
		expect(state().mismatches).toEqual([]);
	});

	it('sends pictures as image_url parts after the text, and names the model that refuses them', async () => {
		const png =
			'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
		const request: ModelRequest = {
			messages: [
				{
					role: 'user',
					content: 'What is on this screen?',
					images: [{ mediaType: 'image/png', dataUrl: png, name: 'shot.png', bytes: 70 }]
				}
			]
		};
		const { client, state } = session([
			{
				expect: { lastMessage: { contains: 'What is on this screen?', images: 1 } },
				content: 'A dot.'
			},
			{
				error: {
					status: 400,
					message: 'Invalid content type. image_url is only supported by certain models.'
				}
			}
		]);
		await collect(client.stream(request, new AbortController().signal));
		expect(state().requests[0]?.messages).toEqual([
			{
				role: 'user',
				content: [
					{ type: 'text', text: 'What is on this screen?' },
					{ type: 'image_url', image_url: { url: png } }
				]
			}
		]);
		expect(state().mismatches).toEqual([]);
		expect((await collect(client.stream(request, new AbortController().signal))).at(-1)).toEqual({
			type: 'finish',
			reason: 'error',
			error: {
				code: 'images-refused',
				status: 400,
				message:
					'The model scripted-model refused a request with images (The model server rejected the request: 400 Invalid content type. image_url is only supported by certain models). ' +
					'Choose a model that reads images in Settings → Model, or send the message without them.'
			}
		});
	});

	it('sends the conversation and tools, and assembles streamed tool calls', async () => {
		const request: ModelRequest = {
			messages: [
				{ role: 'system', content: 'You are terse.' },
				{ role: 'user', content: 'list files' },
				{
					role: 'assistant',
					content: '',
					toolCalls: [{ id: 'c0', name: 'shell', arguments: '{}' }]
				},
				{ role: 'tool', toolCallId: 'c0', content: 'bad args' }
			],
			tools: [{ name: 'shell', description: 'Runs a command.', parameters: { type: 'object' } }]
		};
		const { client, state } = session([
			{
				expect: {
					systemContains: 'You are terse.',
					messages: { roles: ['system', 'user', 'assistant', 'tool'] },
					lastMessage: { role: 'tool', toolCallId: 'c0', equals: 'bad args' },
					tools: { exactly: ['shell'] }
				},
				content: 'Sure.',
				toolCalls: [
					{ name: 'shell', arguments: { command: 'ls' }, id: 'call_a' },
					{ name: 'shell', arguments: '{"command":"pwd"}' }
				],
				usage
			}
		]);
		expect(await collect(client.stream(request, new AbortController().signal))).toEqual([
			...texts('Sure.'),
			{ type: 'tool_call_delta', index: 0, id: 'call_a', name: 'shell' },
			{ type: 'tool_call_delta', index: 0, argumentsDelta: '{"comman' },
			{ type: 'tool_call_delta', index: 0, argumentsDelta: 'd":"ls"}' },
			{ type: 'tool_call_delta', index: 1, id: 'call_1_2', name: 'shell' },
			{ type: 'tool_call_delta', index: 1, argumentsDelta: '{"comman' },
			{ type: 'tool_call_delta', index: 1, argumentsDelta: 'd":"pwd"' },
			{ type: 'tool_call_delta', index: 1, argumentsDelta: '}' },
			{
				type: 'tool_call',
				index: 0,
				call: { id: 'call_a', name: 'shell', arguments: '{"command":"ls"}' }
			},
			{
				type: 'tool_call',
				index: 1,
				call: { id: 'call_1_2', name: 'shell', arguments: '{"command":"pwd"}' }
			},
			{ type: 'usage', usage },
			{ type: 'finish', reason: 'tool_calls' }
		]);
		expect(state().mismatches).toEqual([]);
	});

	it('reports a reply cut short by the output limit', async () => {
		const { client } = session([{ content: 'Partial', finishReason: 'length', usage }]);
		expect(await collect(client.stream(hi, new AbortController().signal))).toEqual([
			...texts('Partial'),
			{ type: 'usage', usage },
			{ type: 'finish', reason: 'length' }
		]);
	});
});

describe('model client: failures that are not retried', () => {
	it('reports a refused key (401) without retrying', async () => {
		let requests = 0;
		const counting: typeof fetch = (input, init) => {
			requests += 1;
			return fetch(input, init);
		};
		const { client } = session(
			[{ content: 'never' }],
			{ apiKey: 'sk-wrong', fetch: counting },
			{ apiKey: 'sk-right' }
		);
		expect(await collect(client.stream(hi, new AbortController().signal))).toEqual([
			{
				type: 'finish',
				reason: 'error',
				error: {
					code: 'unauthorized',
					status: 401,
					message:
						'The model server refused the API key (401): 401 Incorrect API key provided: ' +
						'********. You can find your API key at https://platform.openai.com/account/api-keys. ' +
						'Check the key in Settings.'
				}
			}
		]);
		expect(requests).toBe(1);
	});

	it('reports other 4xx answers without retrying', async () => {
		const { client, state } = session([{ error: { status: 400, message: 'Bad tools.' } }]);
		expect(await collect(client.stream(hi, new AbortController().signal))).toEqual([
			{
				type: 'finish',
				reason: 'error',
				error: {
					code: 'bad-request',
					status: 400,
					message: 'The model server rejected the request: 400 Bad tools.'
				}
			}
		]);
		expect(state().requests.length).toBe(1);
	});

	it('retries an unreachable server, then reports it', async () => {
		const closed = await startModelServer();
		const baseURL = closed.baseURL;
		await closed.close();
		const client = createModelClient({
			baseURL,
			apiKey: '',
			model: 'm',
			maxRetries: 1,
			retryBaseMs: 1
		});
		const events = await collect(client.stream(hi, new AbortController().signal));
		expect(events.map((event) => event.type)).toEqual(['retry', 'finish']);
		expect(events.at(-1)).toEqual({
			type: 'finish',
			reason: 'error',
			error: {
				code: 'unreachable',
				message: `Could not reach the model server at ${baseURL}: Connection error. (gave up after 2 attempts)`
			}
		});
	});
});

describe('model client: cancelling', () => {
	it('ends with aborted within a second when cancelled while the server hangs', async () => {
		const { client, state } = session([{ hang: true }]);
		const controller = new AbortController();
		const events: ModelEvent[] = [];
		const done = collect(client.stream(hi, controller.signal), events);
		await until(() => state().requests.length === 1);
		const cancelled = Date.now();
		controller.abort();
		await done;
		expect(Date.now() - cancelled).toBeLessThan(1000);
		expect(events).toEqual([{ type: 'finish', reason: 'aborted' }]);
	});

	it('ends with aborted when cancelled mid-stream', async () => {
		const { client } = session([{ content: 'Some text, then silence', hangAfterChunks: 2 }]);
		const controller = new AbortController();
		const events: ModelEvent[] = [];
		for await (const event of client.stream(hi, controller.signal)) {
			events.push(event);
			if (event.type === 'text') controller.abort();
		}
		expect(events).toEqual([...texts('Some tex'), { type: 'finish', reason: 'aborted' }]);
	});

	it('ends with aborted when cancelled during a backoff wait', async () => {
		const { client } = session([{ error: { status: 429, retryAfter: 30 } }]);
		const controller = new AbortController();
		const events: ModelEvent[] = [];
		for await (const event of client.stream(hi, controller.signal)) {
			events.push(event);
			if (event.type === 'retry') controller.abort();
		}
		expect(events.map((event) => event.type)).toEqual(['retry', 'finish']);
		expect(events.at(-1)).toEqual({ type: 'finish', reason: 'aborted' });
	});
});

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI, { type APIError } from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ModelServer, startModelServer, type Step } from '../../servers/model.ts';
import { failuresOf } from '../../servers/model/checks.ts';

const CREATED = 1_700_000_000;
const hi = [{ role: 'user' as const, content: 'hi' }];

let server: ModelServer;

beforeAll(async () => {
	server = await startModelServer();
});

afterAll(async () => {
	await server.close();
});

function client(baseURL: string, options: { apiKey?: string; maxRetries?: number } = {}): OpenAI {
	return new OpenAI({
		baseURL,
		apiKey: options.apiKey ?? 'sk-test',
		maxRetries: options.maxRetries ?? 0
	});
}

/** A fresh session playing `steps`, with an SDK client pointed at it. */
function session(steps: Step[], options: { apiKey?: string; maxRetries?: number } = {}) {
	const { id, baseURL } = server.script(steps);
	return { id, openai: client(baseURL, options), state: () => server.session(id)! };
}

async function collect(stream: AsyncIterable<ChatCompletionChunk>, into: ChatCompletionChunk[]) {
	for await (const chunk of stream) into.push(chunk);
	return into;
}

async function until(condition: () => boolean): Promise<void> {
	for (let tries = 0; !condition(); tries++) {
		if (tries > 200) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

describe('model server: replies', () => {
	it('lists models in OpenAI list shape', async () => {
		const listed = await client(server.baseURL).models.list();
		expect(listed.data).toEqual([
			{ id: 'scripted-model', object: 'model', created: CREATED, owned_by: 'patchbay-tests' }
		]);
	});

	it('streams text in several deltas', async () => {
		const { openai, id } = session([{ content: 'Hello, streaming world!' }]);
		const stream = await openai.chat.completions.create({ model: 'm', stream: true, messages: hi });
		const chunks = await collect(stream, []);
		expect(chunks.map((chunk) => chunk.choices[0]?.delta)).toEqual([
			{ role: 'assistant', content: '' },
			{ content: 'Hello, s' },
			{ content: 'treaming' },
			{ content: ' world!' },
			{}
		]);
		expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason)).toEqual([
			null,
			null,
			null,
			null,
			'stop'
		]);
		expect(new Set(chunks.map((chunk) => chunk.id))).toEqual(new Set([`chatcmpl-${id}-1`]));
		expect(chunks.map((chunk) => 'usage' in chunk)).toEqual([false, false, false, false, false]);
	});

	it('streams tool calls whose argument deltas reassemble to the scripted JSON', async () => {
		const patch = { path: 'src/app.ts', patch: '*** Begin Patch\n*** Update File: src/app.ts\n' };
		const { openai } = session([
			{
				content: 'Looking.',
				chunkChars: 5,
				toolCalls: [
					{ name: 'read', arguments: { path: 'a.md' } },
					{ name: 'apply_patch', arguments: patch, id: 'call_patch' }
				]
			}
		]);
		const runner = openai.chat.completions.stream({ model: 'm', messages: hi });
		const readDeltas: string[] = [];
		runner.on('tool_calls.function.arguments.delta', (event) => {
			if (event.index === 0) readDeltas.push(event.arguments_delta);
		});
		const final = await runner.finalChatCompletion();
		const message = final.choices[0]?.message;
		expect(final.choices[0]?.finish_reason).toBe('tool_calls');
		expect(message?.content).toBe('Looking.');
		expect(
			message?.tool_calls?.map((call) =>
				call.type === 'function'
					? [call.id, call.function.name, JSON.parse(call.function.arguments)]
					: call
			)
		).toEqual([
			['call_1_1', 'read', { path: 'a.md' }],
			['call_patch', 'apply_patch', patch]
		]);
		expect(readDeltas).toEqual(['', '{"pat', 'h":"a', '.md"}']);
	});

	it('sends usage in a last chunk without choices when include_usage is set', async () => {
		const { openai } = session([
			{ content: 'Counted.', usage: { promptTokens: 12, completionTokens: 3 } }
		]);
		const stream = await openai.chat.completions.create({
			model: 'm',
			stream: true,
			stream_options: { include_usage: true },
			messages: hi
		});
		const chunks = await collect(stream, []);
		expect(chunks.map((chunk) => [chunk.choices.length, chunk.usage])).toEqual([
			[1, null],
			[1, null],
			[1, null],
			[0, { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 }]
		]);
	});

	it('answers a non-streaming request with a whole chat.completion, raw arguments kept as sent', async () => {
		const { openai, id } = session([
			{
				content: 'Cut off',
				toolCalls: [{ name: 'shell', arguments: '{"command": "ls' }],
				finishReason: 'length',
				usage: { promptTokens: 100, completionTokens: 4096 }
			}
		]);
		const completion = await openai.chat.completions.create({ model: 'gpt-x', messages: hi });
		expect(completion).toEqual({
			id: `chatcmpl-${id}-1`,
			object: 'chat.completion',
			created: CREATED,
			model: 'gpt-x',
			choices: [
				{
					index: 0,
					message: {
						role: 'assistant',
						content: 'Cut off',
						refusal: null,
						tool_calls: [
							{
								id: 'call_1_1',
								type: 'function',
								function: { name: 'shell', arguments: '{"command": "ls' }
							}
						]
					},
					logprobs: null,
					finish_reason: 'length'
				}
			],
			usage: { prompt_tokens: 100, completion_tokens: 4096, total_tokens: 4196 }
		});
	});
});

describe('model server: checks', () => {
	const tools: OpenAI.Chat.ChatCompletionTool[] = ['shell', 'apply_patch'].map((name) => ({
		type: 'function',
		function: { name, parameters: { type: 'object', properties: {} } }
	}));

	it('passes declarative and function checks through a tool round trip', async () => {
		const { openai, state } = session([
			{
				expect: [
					{
						model: 'm',
						stream: false,
						systemContains: 'You are Patchbay',
						messages: { count: 2, roles: ['system', 'user'], someContains: 'the bug' },
						lastMessage: { role: 'user', contains: ['fix', 'bug'], notContains: 'secret' },
						tools: { include: ['shell'], exclude: ['web_fetch'], exactly: ['apply_patch', 'shell'] }
					},
					(request) => (request.tools?.length === 2 ? null : 'expected two tools')
				],
				toolCalls: [{ name: 'shell', arguments: { command: 'npm test' } }]
			},
			{
				expect: {
					lastMessage: { role: 'tool', toolCallId: 'call_1_1', contains: '3 passed' },
					messages: { noneContains: 'sk-live' }
				},
				content: 'All green.'
			}
		]);
		const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
			{ role: 'system', content: 'You are Patchbay, a coding agent.' },
			{ role: 'user', content: 'Please fix the bug.' }
		];
		const first = await openai.chat.completions.create({ model: 'm', messages, tools });
		const call = first.choices[0]!.message;
		messages.push(call, { role: 'tool', tool_call_id: 'call_1_1', content: 'Tests: 3 passed' });
		const second = await openai.chat.completions.create({ model: 'm', messages, tools });
		expect(second.choices[0]?.message.content).toBe('All green.');
		expect(state().mismatches).toEqual([]);
		expect(state().consumed).toBe(2);
	});

	it('describes every failed check', () => {
		const request: OpenAI.Chat.ChatCompletionCreateParams = {
			model: 'other',
			messages: [
				{ role: 'system', content: 'You are helpful.' },
				{ role: 'user', content: 'token sk-live-1' },
				{
					role: 'assistant',
					tool_calls: [{ id: 'c1', type: 'function', function: { name: 'read', arguments: '{}' } }]
				}
			],
			tools: [{ type: 'function', function: { name: 'web_fetch' } }]
		};
		const failures = failuresOf(
			[
				{
					model: 'm',
					stream: true,
					systemContains: 'Patchbay',
					messages: { count: 2, roles: ['user'], someContains: 'bug', noneContains: 'sk-live' },
					lastMessage: {
						role: 'tool',
						contains: 'ok',
						equals: 'x',
						toolCallId: 'c1',
						toolCalls: ['shell']
					},
					tools: { include: ['shell'], exclude: ['web_fetch'], exactly: ['shell'] }
				},
				() => 'custom says no'
			],
			request
		);
		expect(failures).toEqual([
			'model: expected m, got other',
			'stream: expected true, got false',
			'systemContains: expected "Patchbay", got "You are helpful."',
			'messages.count: expected 2, got 3',
			'messages.roles: expected [user], got [system, user, assistant]',
			'messages.someContains: no message contains "bug"; last message (assistant): "read({})"',
			'messages.noneContains: message 1 (user) contains "sk-live": "token sk-live-1"',
			'lastMessage.role: expected tool, got (assistant) "read({})"',
			'lastMessage.contains: expected "ok", got (assistant) "read({})"',
			'lastMessage.equals: expected "x", got (assistant) "read({})"',
			'lastMessage.toolCallId: expected c1, got undefined',
			'lastMessage.toolCalls: expected [shell], got [read]',
			'tools.include: missing [shell], got [web_fetch]',
			'tools.exclude: unexpected [web_fetch], got [web_fetch]',
			'tools.exactly: expected [shell], got [web_fetch]',
			'check function: custom says no'
		]);
	});

	it('fails a mismatched request loudly and keeps the step for the next one', async () => {
		const { openai, id, state } = session([
			{ expect: { lastMessage: { role: 'tool', contains: 'exit 0' } }, content: 'ok' }
		]);
		const message =
			'Script mismatch at step 1 of 1: lastMessage.role: expected tool, got (user) "hi"; ' +
			'lastMessage.contains: expected "exit 0", got (user) "hi"';
		const error = await openai.chat.completions
			.create({ model: 'm', messages: hi })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(OpenAI.BadRequestError);
		expect((error as Error).message).toBe(`400 ${message}`);
		expect(server.mismatches.filter((m) => m.session === id)).toEqual([
			{ session: id, step: 0, message }
		]);
		const retry = await openai.chat.completions.create({
			model: 'm',
			messages: [{ role: 'tool', tool_call_id: 'c', content: 'exit 0' }]
		});
		expect(retry.choices[0]?.message.content).toBe('ok');
		expect(state().consumed).toBe(1);
	});

	it('fails a request that arrives after the last step', async () => {
		const { openai, id, state } = session([{ content: 'only' }]);
		await openai.chat.completions.create({ model: 'm', messages: hi });
		const error = await openai.chat.completions
			.create({ model: 'm', messages: [{ role: 'user', content: 'again' }] })
			.catch((e: unknown) => e);
		const message =
			'Script exhausted: request 2 arrived after all 1 step was used; last message (user): "again"';
		expect(error).toBeInstanceOf(OpenAI.BadRequestError);
		expect((error as Error).message).toBe(`400 ${message}`);
		expect(state().mismatches).toEqual([{ session: id, step: null, message }]);
	});

	it('rejects a malformed script with every problem named', () => {
		const bad = [
			{ contnt: 'x', expect: { lastMesage: {} } },
			{ error: { status: 200 } }
		] as unknown as Step[];
		expect(() => server.script(bad)).toThrow(
			'Invalid script: turns[0]: unknown key "contnt"; turns[0].expect: unknown key "lastMesage"; ' +
				'turns[1].error.status: expected a 4xx/5xx status'
		);
	});
});

describe('model server: faults', () => {
	it('answers 429 with Retry-After, and the SDK retry gets the next step', async () => {
		const { openai, state } = session(
			[{ error: { status: 429, retryAfter: 1 } }, { content: 'after the wait' }],
			{
				maxRetries: 1
			}
		);
		const started = Date.now();
		const completion = await openai.chat.completions.create({ model: 'm', messages: hi });
		expect(completion.choices[0]?.message.content).toBe('after the wait');
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect([state().requests.length, state().consumed, state().mismatches]).toEqual([2, 2, []]);
	});

	it('answers 500 with OpenAI error body, then serves the next step', async () => {
		const { openai } = session([{ error: { status: 500 } }, { content: 'recovered' }]);
		const error = await openai.chat.completions
			.create({ model: 'm', messages: hi })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(OpenAI.InternalServerError);
		expect((error as APIError).error).toEqual({
			message: 'The server had an error while processing your request. Sorry about that!',
			type: 'server_error',
			param: null,
			code: null
		});
		const completion = await openai.chat.completions.create({ model: 'm', messages: hi });
		expect(completion.choices[0]?.message.content).toBe('recovered');
	});

	it('cuts a stream mid-way, and the SDK iteration throws', async () => {
		const { openai, state } = session([{ content: 'This reply is cut short', cutAfterChunks: 3 }]);
		const stream = await openai.chat.completions.create({ model: 'm', stream: true, messages: hi });
		const chunks: ChatCompletionChunk[] = [];
		await expect(collect(stream, chunks)).rejects.toThrow('terminated');
		expect(chunks.map((chunk) => chunk.choices[0]?.delta.content)).toEqual([
			'',
			'This rep',
			'ly is cu'
		]);
		expect(state().aborted).toBe(0);
	});

	it('counts requests the client aborts while a step hangs, waits or streams slowly', async () => {
		const { openai, state } = session([
			{ hang: true },
			{ content: 'late', delayMs: 10_000 },
			{ content: 'slow stream of text', chunkDelayMs: 10_000 }
		]);
		for (const count of [1, 2]) {
			const controller = new AbortController();
			const pending = openai.chat.completions.create(
				{ model: 'm', messages: hi },
				{ signal: controller.signal }
			);
			await until(() => state().requests.length === count);
			controller.abort();
			await expect(pending).rejects.toBeInstanceOf(OpenAI.APIUserAbortError);
			await until(() => state().aborted === count);
		}
		const controller = new AbortController();
		const stream = await openai.chat.completions.create(
			{ model: 'm', messages: hi, stream: true },
			{ signal: controller.signal }
		);
		const first = await stream[Symbol.asyncIterator]().next();
		expect(first.value?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
		controller.abort();
		await until(() => state().aborted === 3);
		expect([state().consumed, state().aborted, state().mismatches]).toEqual([3, 3, []]);
	});
});

describe('model server: keep-alive comments', () => {
	it('sends an SSE comment every keepAliveMs while it waits between chunks', async () => {
		const { openai } = session([{ content: 'Slow', chunkDelayMs: 50, keepAliveMs: 20 }]);
		const baseURL = openai.baseURL;
		const body = { model: 'm', stream: true, messages: hi };
		const response = await fetch(`${baseURL}/chat/completions`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: 'Bearer sk-test' },
			body: JSON.stringify(body)
		});
		const events = (await response.text()).split('\n\n').filter(Boolean);
		const data = events.filter((event) => event.startsWith('data: {'));
		// Two comments in each 50 ms gap (at 20 and 40 ms), none before the first chunk.
		const expected = data.flatMap((event, at) =>
			at === 0 ? [event] : [': keep-alive', ': keep-alive', event]
		);
		expect(events).toEqual([...expected, 'data: [DONE]']);
		expect(data.length).toBeGreaterThan(1);
	});

	it('the SDK skips the comments', async () => {
		const { openai } = session([{ content: 'Hello there', chunkDelayMs: 30, keepAliveMs: 10 }]);
		const stream = await openai.chat.completions.create({ model: 'm', stream: true, messages: hi });
		const chunks = await collect(stream, []);
		expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? null)).toEqual([
			'',
			'Hello th',
			'ere',
			null
		]);
	});

	it('refuses a keepAliveMs that is not a positive integer', () => {
		expect(() => server.script([{ content: 'x', keepAliveMs: 0 }])).toThrow(
			'turns[0].keepAliveMs: expected an integer > 0'
		);
	});
});

describe('model server: sessions, auth and HTTP', () => {
	it('rejects a wrong API key with 401 in OpenAI shape', async () => {
		const { baseURL } = server.script([{ content: 'secret' }], { apiKey: 'sk-right-1234567890' });
		const wrong = client(baseURL, { apiKey: 'sk-wrong-key-987654' });
		const error = await wrong.chat.completions
			.create({ model: 'm', messages: hi })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
		expect((error as APIError).error).toEqual({
			message:
				'Incorrect API key provided: sk-************7654. You can find your API key at ' +
				'https://platform.openai.com/account/api-keys.',
			type: 'invalid_request_error',
			param: null,
			code: 'invalid_api_key'
		});
		const right = client(baseURL, { apiKey: 'sk-right-1234567890' });
		const completion = await right.chat.completions.create({ model: 'm', messages: hi });
		expect(completion.choices[0]?.message.content).toBe('secret');
	});

	it('keeps two sessions independent when used in parallel', async () => {
		const script = (name: string): Step[] => [
			{ expect: { lastMessage: { contains: `${name}1` } }, content: `${name} one` },
			{ expect: { lastMessage: { contains: `${name}2` } }, content: `${name} two` }
		];
		const a = session(script('a'));
		const b = session(script('b'));
		const ask = async (s: typeof a, text: string) => {
			const reply = await s.openai.chat.completions.create({
				model: 'm',
				messages: [{ role: 'user', content: text }]
			});
			return reply.choices[0]?.message.content;
		};
		expect(await Promise.all([ask(a, 'a1'), ask(b, 'b1')])).toEqual(['a one', 'b one']);
		expect(await Promise.all([ask(b, 'b2'), ask(a, 'a2')])).toEqual(['b two', 'a two']);
		const seen = (s: typeof a) => s.state().requests.map((request) => request.messages[0]?.content);
		expect([seen(a), seen(b)]).toEqual([
			['a1', 'a2'],
			['b1', 'b2']
		]);
	});

	it('starts a session over HTTP and reports its state', async () => {
		const response = await fetch(`${server.url}/_scripts`, {
			method: 'POST',
			body: JSON.stringify({ turns: [{ content: 'over http' }], apiKey: 'k-http', models: ['m1'] })
		});
		const { id, baseURL } = (await response.json()) as { id: string; baseURL: string };
		expect([response.status, baseURL]).toEqual([201, `${server.url}/s/${id}/v1`]);
		const openai = client(baseURL, { apiKey: 'k-http' });
		expect((await openai.models.list()).data.map((model) => model.id)).toEqual(['m1']);
		const unknown = await openai.chat.completions
			.create({ model: 'm2', messages: hi })
			.catch((e: unknown) => e);
		expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);
		await openai.chat.completions.create({ model: 'm1', messages: hi });
		const state = await (await fetch(`${server.url}/_scripts/${id}`)).json();
		expect(state).toEqual({
			id,
			steps: 1,
			consumed: 1,
			requests: [{ model: 'm1', messages: hi }],
			mismatches: [],
			aborted: 0
		});
	});

	it('plays the default script at /v1', async () => {
		server.setDefaultScript([{ content: 'default' }]);
		const completion = await client(server.baseURL).chat.completions.create({
			model: 'm',
			messages: hi
		});
		expect(completion.choices[0]?.message.content).toBe('default');
		expect(server.session('default')?.requests).toEqual([{ model: 'm', messages: hi }]);
	});

	it('runs as a CLI that prints its URL', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'patchbay-model-'));
		const scriptFile = join(dir, 'script.json');
		await writeFile(scriptFile, JSON.stringify([{ content: 'from the CLI' }]));
		const entry = new URL('../../servers/model.ts', import.meta.url).pathname;
		const child = spawn(process.execPath, [
			entry,
			'--port',
			'0',
			'--api-key',
			'k-cli',
			'--script',
			scriptFile
		]);
		try {
			const [data] = (await once(child.stdout, 'data')) as [Buffer];
			const url = data.toString('utf8').trim();
			expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			const openai = client(`${url}/v1`, { apiKey: 'k-cli' });
			expect((await openai.models.list()).data.map((model) => model.id)).toEqual([
				'scripted-model'
			]);
			const completion = await openai.chat.completions.create({ model: 'm', messages: hi });
			expect(completion.choices[0]?.message.content).toBe('from the CLI');
		} finally {
			child.kill();
			await rm(dir, { recursive: true, force: true });
		}
	});
});

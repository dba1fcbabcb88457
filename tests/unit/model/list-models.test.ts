import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/lib/core/http/index.ts';
import { listModels } from '../../../src/lib/core/model/index.ts';
import { startModelServer, type ModelServer } from '../../servers/model.ts';

let server: ModelServer;

beforeAll(async () => {
	server = await startModelServer({ apiKey: 'sk-right', models: ['gpt-b', 'gpt-a'] });
});
afterAll(() => server.close());

async function failure(promise: Promise<unknown>) {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(AppError);
	const { code, message, hint } = error as AppError;
	return { code, message, hint };
}

describe('listModels', () => {
	it('lists the ids of an OpenAI-compatible server, sorted', async () => {
		expect(await listModels({ baseURL: server.baseURL, apiKey: 'sk-right' })).toEqual([
			'gpt-a',
			'gpt-b'
		]);
		expect(await listModels({ baseURL: `${server.baseURL}/`, apiKey: 'sk-right' })).toEqual([
			'gpt-a',
			'gpt-b'
		]);
	});

	it('explains a refused key', async () => {
		const result = await failure(listModels({ baseURL: server.baseURL, apiKey: 'sk-wrong' }));
		expect(result.code).toBe('unauthorized');
		expect(result.message).toMatch(
			/^The server refused the API key \(401\): 401 Incorrect API key provided/
		);
		expect(result.hint).toBe(
			'Check the API key. Local servers (Ollama, LM Studio) usually need none.'
		);
	});

	it('explains an unreachable host', async () => {
		const closed = await startModelServer();
		const baseURL = closed.baseURL;
		await closed.close();
		expect(await failure(listModels({ baseURL, apiKey: '' }))).toEqual({
			code: 'unreachable',
			message: `Could not reach ${new URL(baseURL).host}.`,
			hint: 'Check the base URL and that the server is running and reachable from this browser.'
		});
	});

	it('explains a server that is not OpenAI-compatible', async () => {
		const baseURL = `${server.url}/not-an-api`;
		expect(await failure(listModels({ baseURL, apiKey: 'sk-right' }))).toEqual({
			code: 'not-openai-compatible',
			message: `${baseURL} does not look like an OpenAI-compatible API: GET /models answered 404.`,
			hint: 'The base URL usually ends in /v1 (for example http://localhost:11434/v1 for Ollama).'
		});
	});
});

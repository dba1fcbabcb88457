// Shared set-up for the model client tests: one scripted model server, a fresh session per test
// with a real client pointed at it (fast, jitter-free retries), and event helpers.
import { afterAll, beforeAll } from 'vitest';
import {
	createModelClient,
	type ModelClientOptions,
	type ModelEvent,
	type ModelRequest
} from '../../../src/lib/core/model/index.ts';
import {
	type ModelServer,
	type SessionOptions,
	startModelServer,
	type Step
} from '../../servers/model.ts';

let server: ModelServer;

/** Starts the model server for the calling test file. */
export function useModelServer(): () => ModelServer {
	beforeAll(async () => {
		server = await startModelServer();
	});
	afterAll(() => server.close());
	return () => server;
}

export const hi: ModelRequest = { messages: [{ role: 'user', content: 'hi' }] };
export const usage = { promptTokens: 12, completionTokens: 5 };

/** A fresh session playing `steps`, and a client pointed at it. */
export function session(
	steps: Step[],
	options: Partial<ModelClientOptions> = {},
	serverOptions: SessionOptions = {}
) {
	const { id, baseURL } = server.script(steps, serverOptions);
	const client = createModelClient({
		baseURL,
		apiKey: 'sk-test',
		model: 'scripted-model',
		retryBaseMs: 10,
		random: () => 0,
		...options
	});
	return { client, state: () => server.session(id)! };
}

export async function collect(
	stream: AsyncIterable<ModelEvent>,
	into: ModelEvent[] = []
): Promise<ModelEvent[]> {
	for await (const event of stream) into.push(event);
	return into;
}

export const texts = (...deltas: string[]): ModelEvent[] =>
	deltas.map((delta) => ({ type: 'text', delta }));

export async function until(condition: () => boolean): Promise<void> {
	for (let tries = 0; !condition(); tries++) {
		if (tries > 200) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

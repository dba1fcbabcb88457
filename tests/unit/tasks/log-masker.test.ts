// Settings' keys and tokens never reach an attempt's log: a run on the Lite sandbox whose
// command prints the model API key (raw and base64) is logged with it masked, and a key cut
// across two streamed pieces is masked too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreTools } from '../../../src/lib/core/agent/index.ts';
import { createModelClient } from '../../../src/lib/core/model/index.ts';
import { defaultAgentPolicy } from '../../../src/lib/core/network/index.ts';
import { runAttempt } from '../../../src/lib/core/run/index.ts';
import { createLiteSandbox } from '../../../src/lib/core/sandbox/index.ts';
import { defaultSettings, settingsSecrets } from '../../../src/lib/core/store/index.ts';
import type { EnvironmentRecord } from '../../../src/lib/core/store/index.ts';
import {
	createLogMasker,
	logEntryMasker,
	type AttemptLogEntry
} from '../../../src/lib/core/tasks/index.ts';
import { startModelServer, type ModelServer } from '../../servers/model.ts';
import { checkedOut } from '../environments/gated-checkout.ts';

const API_KEY = 'sk-settings-0123456789abcdef';
const HOST_TOKEN = 'glpat-host-token-9876543210';

let server: ModelServer;
beforeAll(async () => {
	server = await startModelServer();
});
afterAll(() => server.close());

const settings = {
	...defaultSettings,
	model: { ...defaultSettings.model, apiKey: API_KEY },
	git: {
		...defaultSettings.git,
		hosts: [{ host: 'gitlab.example.com', username: '', token: HOST_TOKEN, proxyMayCarry: false }]
	}
};

const environment: EnvironmentRecord = {
	id: 'e1',
	name: 'demo',
	repoUrl: 'acme/demo',
	defaultBranch: 'main',
	setupScript: '',
	envVars: [],
	setupSecrets: [],
	agentPolicy: defaultAgentPolicy,
	runtime: 'lite',
	createdAt: 1,
	updatedAt: 1
};

/** Every string of the log, joined: where a secret would show. */
const textOf = (log: AttemptLogEntry[]) => JSON.stringify(log);

describe('the attempt log, masked with Settings secrets', () => {
	it('masks a Settings key a command prints, raw and base64, in its output and its result', async () => {
		// The command puts the key together, so only its output holds it whole.
		const command =
			`echo "key=sk-settings-""0123456789abcdef"; ` +
			`printf %s "sk-settings-""0123456789abcdef" | base64`;
		const { baseURL } = server.script([
			{ toolCalls: [{ name: 'shell', arguments: { command } }] },
			{ expect: { lastMessage: { role: 'tool', contains: `key=${API_KEY}` } }, content: 'Printed.' }
		]);
		const masker = createLogMasker(settingsSecrets(settings));
		const log: AttemptLogEntry[] = [];
		const result = await runAttempt({
			mode: 'code',
			environment,
			userText: 'Print the key',
			prepare: {
				checkout: checkedOut,
				createSandbox: async () => ({ sandbox: createLiteSandbox({ root: '/work/mask' }) })
			},
			model: createModelClient({ baseURL, apiKey: 'sk-test', model: 'scripted-model' }),
			tools: coreTools(),
			log: (entry) => log.push(...masker.push(entry)),
			signal: new AbortController().signal
		});
		log.push(...masker.end());
		expect(result.status).toBe('done');

		const results = log.flatMap((e) =>
			e.kind === 'agent' && e.event.type === 'tool_result' ? [e.event.content] : []
		);
		// The base64 line keeps only what the neighbouring bytes decide ("g==").
		expect(results).toEqual(['Exit code: 0\nOutput:\nkey=[secret]\n[secret]g==\n']);
		const base64 = Buffer.from(API_KEY).toString('base64');
		const text = textOf(log);
		expect(text).not.toContain(API_KEY);
		expect(text).not.toContain(base64.slice(4, 20));
		// The command itself is logged as it was (it never held the key whole).
		expect(text).toContain('sk-settings-\\"\\"0123456789abcdef');
	});

	it('masks a key cut across streamed pieces, and keeps the order and the rest of the text', () => {
		const masker = createLogMasker(settingsSecrets(settings));
		const out = (id: string, chunk: string): AttemptLogEntry => ({
			kind: 'agent',
			event: { type: 'tool_output', id, stream: 'stdout', chunk }
		});
		const log = [
			out('c1', 'token: glpat-host-'),
			out('c1', 'token-9876543210 ok\nnext: sk-'),
			out('c1', 'settings-0123456789abcdef'),
			{ kind: 'status', status: 'running', message: `using ${HOST_TOKEN}` } as const,
			out('c1', 'done\n')
		].flatMap((entry) => masker.push(entry));
		log.push(...masker.end());
		expect(log).toEqual([
			out('c1', 'token: '),
			out('c1', '[secret] ok\nnext: '),
			out('c1', '[secret]'),
			{ kind: 'status', status: 'running', message: 'using [secret]' },
			out('c1', 'done\n')
		]);
	});

	it('passes entries through untouched when Settings hold no secret', () => {
		const masker = createLogMasker(settingsSecrets(defaultSettings));
		const entry: AttemptLogEntry = { kind: 'user', text: 'sk-settings-0123456789abcdef' };
		expect(masker.push(entry)).toEqual([entry]);
		expect(masker.end()).toEqual([]);
	});
});

describe('logEntryMasker', () => {
	it("masks whole stored entries read back, a picture's bytes left alone", () => {
		const mask = logEntryMasker([API_KEY]);
		// Bytes that happen to hold the key's base64 run: a mask would corrupt the picture.
		const dataUrl = `data:image/png;base64,${Buffer.from(API_KEY).toString('base64')}`;
		const image = { mediaType: 'image/png' as const, dataUrl, name: `${API_KEY}.png`, bytes: 28 };
		const entries: AttemptLogEntry[] = [
			{ kind: 'user', text: `use ${API_KEY}`, images: [image] },
			{ kind: 'agent', event: { type: 'text_delta', turn: 1, delta: `key ${API_KEY} ok` } }
		];
		expect(entries.map(mask)).toEqual([
			{ kind: 'user', text: 'use [secret]', images: [{ ...image, name: '[secret].png' }] },
			{ kind: 'agent', event: { type: 'text_delta', turn: 1, delta: 'key [secret] ok' } }
		]);
		expect(logEntryMasker([])(entries[0]!)).toBe(entries[0]);
	});
});

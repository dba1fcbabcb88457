// An attempt that starts its agent before the checkout ends: the first model request goes out
// with the root AGENTS.md while the files are still arriving, and the attempt ends only once
// they are all in — failed, with the checkout's step, when the checkout fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreTools } from '../../../src/lib/core/agent/index.ts';
import { AppError } from '../../../src/lib/core/http/index.ts';
import { createModelClient } from '../../../src/lib/core/model/index.ts';
import { defaultAgentPolicy } from '../../../src/lib/core/network/index.ts';
import { runAttempt } from '../../../src/lib/core/run/index.ts';
import { createLiteSandbox } from '../../../src/lib/core/sandbox/index.ts';
import type { EnvironmentRecord } from '../../../src/lib/core/store/index.ts';
import type { AttemptLogEntry } from '../../../src/lib/core/tasks/index.ts';
import { startModelServer, type ModelServer } from '../../servers/model.ts';
import { gatedCheckout, TREE } from '../environments/gated-checkout.ts';

let server: ModelServer;
beforeAll(async () => {
	server = await startModelServer();
});
afterAll(() => server.close());

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

async function attempt(gated: Awaited<ReturnType<typeof gatedCheckout>>, reply: string) {
	const { id, baseURL } = server.script([
		{ expect: { systemContains: 'Be brief.' }, content: reply }
	]);
	const log: AttemptLogEntry[] = [];
	const running = runAttempt({
		mode: 'code',
		environment,
		userText: 'Say hello',
		prepare: {
			startEarly: true,
			checkout: gated.checkout,
			createSandbox: async () => ({ sandbox: createLiteSandbox({ root: '/work/run' }) })
		},
		model: createModelClient({ baseURL, apiKey: 'sk-test', model: 'scripted-model' }),
		tools: coreTools(),
		log: (entry) => log.push(entry),
		signal: new AbortController().signal
	});
	return { id, log, running };
}

const statuses = (log: AttemptLogEntry[]) =>
	log.flatMap((e) => (e.kind === 'status' ? [e.status] : []));

describe('runAttempt, starting early', () => {
	it('asks the model before the checkout ends, with AGENTS.md; ends done once the files are in', async () => {
		const gated = await gatedCheckout();
		const { id, log, running } = await attempt(gated, 'Hello.');
		await expect.poll(() => server.session(id)!.consumed).toBe(1);
		expect(gated.finished).toBe(false);
		expect(statuses(log)).toEqual(['preparing', 'running']);
		gated.open();
		const result = await running;
		expect(result.status).toBe('done');
		expect(statuses(log)).toEqual(['preparing', 'running', 'done']);
		expect(server.session(id)!.mismatches).toEqual([]);
		const files = await result.session!.sandbox.list();
		expect(files.map((f) => f.path).sort()).toEqual(Object.keys(TREE).sort());
	});

	it('fails with the checkout when it fails after the agent has answered', async () => {
		const gated = await gatedCheckout(new AppError('snapshot-mismatch', 'Bytes do not match.', ''));
		const { id, log, running } = await attempt(gated, 'Hello.');
		await expect.poll(() => server.session(id)!.consumed).toBe(1);
		gated.open();
		expect((await running).status).toBe('failed');
		expect(log.at(-1)).toEqual({
			kind: 'status',
			status: 'failed',
			message: 'checkout: Bytes do not match.'
		});
	});
});

// A setup that did not run (Lite has no Node) is told to the agent in its system prompt, in the
// first run and in a follow-up on the same sandbox, so it does not take dependencies as installed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreTools } from '../../../src/lib/core/agent/index.ts';
import { createModelClient } from '../../../src/lib/core/model/index.ts';
import { defaultAgentPolicy } from '../../../src/lib/core/network/index.ts';
import { runAttempt, type AttemptSession } from '../../../src/lib/core/run/index.ts';
import { createLiteSandbox } from '../../../src/lib/core/sandbox/index.ts';
import type { EnvironmentRecord } from '../../../src/lib/core/store/index.ts';
import { startModelServer, type ModelServer } from '../../servers/model.ts';
import { checkedOut } from '../environments/gated-checkout.ts';

let server: ModelServer;
beforeAll(async () => {
	server = await startModelServer();
});
afterAll(() => server.close());

const NOTE =
	"The environment's setup script (`npm ci; npm run build`) was skipped because `npm ci` needs " +
	'Node, which this Lite sandbox does not have, so nothing it would install or build (such as ' +
	'dependencies) is present: do not assume it ran, and do not try to run npm.';

const environment = (setupScript: string): EnvironmentRecord => ({
	id: 'e1',
	name: 'demo',
	repoUrl: 'acme/demo',
	defaultBranch: 'main',
	setupScript,
	envVars: [],
	setupSecrets: [],
	agentPolicy: defaultAgentPolicy,
	runtime: 'lite',
	createdAt: 1,
	updatedAt: 1
});

async function run(setupScript: string, turns: number, session?: AttemptSession) {
	const { id, baseURL } = server.script(
		Array.from({ length: turns }, () => ({ content: 'Done.' }))
	);
	const result = await runAttempt({
		mode: 'code',
		environment: environment(setupScript),
		userText: 'Build it',
		session,
		prepare: {
			checkout: checkedOut,
			createSandbox: async () => ({ sandbox: createLiteSandbox({ root: '/work/note' }) })
		},
		model: createModelClient({ baseURL, apiKey: 'sk-test', model: 'scripted-model' }),
		tools: coreTools(),
		log: () => {},
		signal: new AbortController().signal
	});
	const systems = server.requests
		.filter((request) => request.model === 'scripted-model')
		.map((request) => request.messages.find((m) => m.role === 'system')?.content);
	return { id, result, system: String(systems.at(-1)) };
}

/** The prompt's `## Setup` section, or null. */
const setupSection = (system: string) => /^## Setup\n\n(.*)$/m.exec(system)?.[1] ?? null;

describe('runAttempt on Lite with a setup that needs Node', () => {
	it('tells the agent which setup was skipped and why, in the first run and in a follow-up', async () => {
		const first = await run('npm ci\n# then\nnpm run build', 1);
		expect(first.result.status).toBe('done');
		expect(setupSection(first.system)).toBe(NOTE);
		expect(first.result.session?.setupNote).toBe(NOTE);

		const followUp = await run('npm ci\n# then\nnpm run build', 1, first.result.session);
		expect(followUp.result.status).toBe('done');
		expect(setupSection(followUp.system)).toBe(NOTE);
	});

	it('says nothing of setup when it ran', async () => {
		const ran = await run('echo ready', 1);
		expect(ran.result.status).toBe('done');
		expect(setupSection(ran.system)).toBeNull();
		expect(ran.system).not.toContain('was skipped');
	});
});

// Variables reach the agent's commands on both runtimes; setup-only secrets do not. The agent's
// side is the real shell tool, on the sandbox the attempt gives the agent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shellTool } from '../../../src/lib/core/agent/tools/shell.ts';
import { runSetup, withAgentVariables } from '../../../src/lib/core/environments/index.ts';
import {
	createLiteSandbox,
	createWebContainerSandbox,
	type Sandbox
} from '../../../src/lib/core/sandbox/index.ts';
import { createWebContainerDouble } from '../sandbox/webcontainer-double.ts';

const envVars = [
	{ name: 'MY_VAR', value: 'visible-to-agent' },
	{ name: 'MODE', value: 'test' }
];
const secrets = [{ name: 'NPM_TOKEN', value: 'npm_s3cr3t_value' }];

async function agentShell(sandbox: Sandbox, command: string) {
	const result = await shellTool.run(
		{ command },
		{ sandbox, signal: new AbortController().signal, onOutput: () => {} }
	);
	return result.content;
}

async function setupThenAgent(sandbox: Sandbox) {
	const setup = await runSetup(sandbox, {
		script: 'echo "setup [$MY_VAR] [$NPM_TOKEN]"',
		envVars,
		secrets
	});
	const agent = await agentShell(
		withAgentVariables(sandbox, envVars),
		'echo "agent [$MY_VAR] [$MODE] [${NPM_TOKEN:-unset}]"; env | grep -c s3cr3t'
	);
	return { setup: setup.log, agent };
}

// grep -c finds no line with the secret: it prints 0 and exits 1.
const expected = {
	setup: 'setup [visible-to-agent] [[secret]]\n',
	agent: 'Exit code: 1\nOutput:\nagent [visible-to-agent] [test] [unset]\n0\n'
};

describe('environment variables in the agent phase', () => {
	let container: Awaited<ReturnType<typeof createWebContainerDouble>>;
	beforeAll(async () => {
		container = await createWebContainerDouble();
	});
	afterAll(() => container.teardown());

	it('WebContainer (test double): set for the agent, the secret only for setup (and masked)', async () => {
		const sandbox = createWebContainerSandbox(container, 'work/vars-1');
		await sandbox.writeTree([]);
		expect(await setupThenAgent(sandbox)).toEqual(expected);
	});

	it('Lite: the same', async () => {
		const sandbox = createLiteSandbox({ root: '/work/vars-2' });
		await sandbox.writeTree([]);
		expect(await setupThenAgent(sandbox)).toEqual(expected);
	});

	it('without the wrapper the agent sees no variables (what the bug was)', async () => {
		const sandbox = createLiteSandbox({ root: '/work/vars-3' });
		await sandbox.writeTree([]);
		expect(await agentShell(sandbox, 'echo "[${MY_VAR:-unset}]"')).toBe(
			'Exit code: 0\nOutput:\n[unset]\n'
		);
	});

	it("a command's own env wins over a variable; no variables leaves the sandbox as it is", async () => {
		const sandbox = createLiteSandbox({ root: '/work/vars-4' });
		await sandbox.writeTree([]);
		const wrapped = withAgentVariables(sandbox, envVars);
		const result = await wrapped.exec('echo "$MY_VAR $MODE"', { env: { MODE: 'own' } });
		expect(result.stdout).toBe('visible-to-agent own\n');
		expect(withAgentVariables(sandbox, [])).toBe(sandbox);
	});
});

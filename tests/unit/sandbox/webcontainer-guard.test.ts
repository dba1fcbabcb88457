// The network guard in the WebContainer runtime: every exec preloads it into Node with the policy
// of the phase current at that moment, and its decisions reach the audit as events, never the
// command's output. Real Node processes (through the test double) against a local server.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
	nodeGuardSource,
	setupPolicyFor,
	type NetworkAuditEvent,
	type NetworkPolicy
} from '../../../src/lib/core/network/index.ts';
import type { NetworkState } from '../../../src/lib/core/sandbox/lite-network.ts';
import { createWebContainerSandbox } from '../../../src/lib/core/sandbox/webcontainer.ts';
import type { Sandbox } from '../../../src/lib/core/sandbox/types.ts';
import { createWebContainerDouble } from './webcontainer-double.ts';

// The internet, and the local test server because it is listed by name.
const setupPolicy: NetworkPolicy = setupPolicyFor({ domains: ['127.0.0.1'] });
const agentPolicy: NetworkPolicy = { access: 'off', preset: 'none', domains: [], methods: 'read' };

let container: Awaited<ReturnType<typeof createWebContainerDouble>>;
let server: Server;
let url: string;
let sandbox: Sandbox;
let state: NetworkState;
let audit: Omit<NetworkAuditEvent, 'time'>[];

beforeAll(async () => {
	container = await createWebContainerDouble();
	server = createServer((req, res) => res.end(`hello ${req.method}`));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
	sandbox = createWebContainerSandbox(
		container,
		'work/attempt-guard',
		{ NODE_OPTIONS: '--no-warnings' },
		{
			network: {
				state: () => state,
				onAudit: ({ time: _time, ...event }) => audit.push(event)
			}
		}
	);
	await sandbox.writeTree([]);
});
beforeEach(() => {
	state = { policy: setupPolicy, phase: 'setup' };
	audit = [];
});
afterAll(async () => {
	await sandbox.dispose();
	await new Promise((resolve) => server.close(resolve));
	await container.teardown();
});

const fetchScript = (target: string) =>
	`fetch('${target}').then(async (r) => console.log(r.status, await r.text()), (e) => console.log(e.message))`;

const event = (phase: 'setup' | 'agent', allowed: boolean, reason: string) => ({
	type: 'network',
	phase,
	source: 'node-guard',
	method: 'GET',
	url,
	allowed,
	reason
});

describe('WebContainer network guard', () => {
	it("gives every exec NODE_OPTIONS and the current phase's policy", async () => {
		const show =
			'node -e "const e = process.env; console.log(JSON.stringify([e.NODE_OPTIONS, e.PATCHBAY_NETWORK_PHASE, JSON.parse(e.PATCHBAY_NETWORK_POLICY)]))"';
		const inSetup = await sandbox.exec(show);
		state = { policy: agentPolicy, phase: 'agent' };
		const inAgent = await sandbox.exec(show);
		const guard = `${container.workdir}/.patchbay/guard.cjs`;
		expect([JSON.parse(inSetup.stdout), JSON.parse(inAgent.stdout)]).toEqual([
			[`--require ${guard} --no-warnings`, 'setup', setupPolicy],
			[`--require ${guard} --no-warnings`, 'agent', agentPolicy]
		]);
	});

	it('allows a fetch in setup and blocks it in the agent phase, each decision audited', async () => {
		const command = `node -e "${fetchScript(url)}"`;
		const inSetup = await sandbox.exec(command);
		state = { policy: agentPolicy, phase: 'agent' };
		const inAgent = await sandbox.exec(command);
		expect({ setup: inSetup.stdout, agent: inAgent.stdout, audit }).toEqual({
			setup: '200 hello GET\n',
			agent: 'Blocked by Patchbay network policy: network off\n',
			audit: [
				event('setup', true, 'allowed domain: 127.0.0.1'),
				event('agent', false, 'network off')
			]
		});
	});

	it("refuses the user's own machine under 'all' unless it is listed by name", async () => {
		state = { policy: { ...setupPolicy, domains: [] }, phase: 'setup' };
		const ran = await sandbox.exec(`node -e "${fetchScript(url)}"`);
		const reason = 'local or private address not listed: 127.0.0.1';
		expect({ output: ran.stdout, audit }).toEqual({
			output: `Blocked by Patchbay network policy: ${reason}\n`,
			audit: [event('setup', false, reason)]
		});
	});

	it('puts the guard back before the next exec when a command overwrote or replaced it', async () => {
		state = { policy: agentPolicy, phase: 'agent' };
		const guard = `${container.workdir}/.patchbay/guard.cjs`;
		const fetchOnce = `node -e "${fetchScript(url)}"`;
		// Within one command the change holds (best-effort: said in the editor)…
		const sameExec = await sandbox.exec(`echo '// nothing' > ${guard} && ${fetchOnce}`);
		// …but the next exec finds the guard changed and writes it again before it runs.
		const nextExec = await sandbox.exec(fetchOnce);
		const restored = await readFile(guard, 'utf8');
		// A directory in its place cannot be renamed over: removed, then the guard written.
		await sandbox.exec(`rm ${guard} && mkdir ${guard}`);
		const afterDirectory = await sandbox.exec(fetchOnce);
		expect({
			sameExec: sameExec.stdout,
			nextExec: nextExec.stdout,
			restored: restored === nodeGuardSource(),
			afterDirectory: afterDirectory.stdout,
			restoredAgain: (await readFile(guard, 'utf8')) === nodeGuardSource(),
			audit
		}).toEqual({
			sameExec: '200 hello GET\n',
			nextExec: 'Blocked by Patchbay network policy: network off\n',
			restored: true,
			afterDirectory: 'Blocked by Patchbay network policy: network off\n',
			restoredAgain: true,
			audit: [event('agent', false, 'network off'), event('agent', false, 'network off')]
		});
	});

	it('is inherited by a child process started through a shell', async () => {
		state = { policy: agentPolicy, phase: 'agent' };
		await sandbox.writeFile('fetch.cjs', fetchScript(url));
		await sandbox.writeFile(
			'parent.cjs',
			"require('node:child_process').execSync('sh -c \"node fetch.cjs\"', { stdio: 'inherit' })"
		);
		const ran = await sandbox.exec('node parent.cjs');
		expect({ output: ran.stdout, audit }).toEqual({
			output: 'Blocked by Patchbay network policy: network off\n',
			audit: [event('agent', false, 'network off')]
		});
	});

	it('reads the log as untrusted text: junk skipped, a half-written line kept for later', async () => {
		const line = JSON.stringify({ ...event('agent', false, 'network off'), time: 1 });
		const append = (text: string) =>
			sandbox.exec(`printf '%s' '${text}' >> "$PATCHBAY_NETWORK_LOG"`);
		await append(`not json\n${line.slice(0, 20)}`);
		const afterHalf = [...audit];
		await append(`${line.slice(20)}\n`);
		expect({ afterHalf, afterWhole: audit }).toEqual({
			afterHalf: [],
			afterWhole: [event('agent', false, 'network off')]
		});
	});
});

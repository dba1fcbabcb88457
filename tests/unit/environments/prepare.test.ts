import 'fake-indexeddb/auto';
import LightningFS from '@isomorphic-git/lightning-fs';
import type { PromiseFsClient } from 'isomorphic-git';
import http from 'isomorphic-git/http/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	prepareEnvironment,
	PrepareError,
	type PrepareEvent
} from '../../../src/lib/core/environments/index.ts';
import { noCredentials } from '../../../src/lib/core/credentials/index.ts';
import { checkout } from '../../../src/lib/core/forge/index.ts';
import { baselineFiles, parseRepoInput } from '../../../src/lib/core/git/index.ts';
import { defaultAgentPolicy } from '../../../src/lib/core/network/index.ts';
import { createLiteSandbox, type Sandbox } from '../../../src/lib/core/sandbox/index.ts';
import type { EnvironmentRecord } from '../../../src/lib/core/store/index.ts';
import { startPeers, type Peers } from '../git/peers.ts';

let peers: Peers;
beforeAll(async () => {
	peers = await startPeers();
});
afterAll(() => peers.stop());

const environment = (setupScript: string): EnvironmentRecord => ({
	id: 'e1',
	name: 'demo',
	repoUrl: 'acme/ts-failing-test',
	defaultBranch: 'main',
	setupScript,
	envVars: [{ name: 'MODE', value: 'test' }],
	setupSecrets: [{ name: 'NPM_TOKEN', value: 'npm_s3cr3t_value' }],
	agentPolicy: defaultAgentPolicy,
	runtime: 'lite',
	createdAt: 1,
	updatedAt: 1
});

let n = 0;
function deps(env: EnvironmentRecord) {
	const fs = new LightningFS(`prepare-${++n}`, { wipe: true }) as unknown as PromiseFsClient;
	const ref = parseRepoInput(env.repoUrl, peers.github.url).ref;
	let sandbox: Sandbox | undefined;
	return {
		get sandbox() {
			return sandbox!;
		},
		checkout: async () => {
			const result = await checkout({
				ref,
				branch: env.defaultBranch,
				fs,
				http,
				credentials: noCredentials,
				corsProxy: ''
			});
			return { ...result, files: await baselineFiles(result.store, result.baseline) };
		},
		createSandbox: async () => ({ sandbox: (sandbox = createLiteSandbox({ root: '/work/a1' })) })
	};
}

describe('prepareEnvironment', () => {
	it('checks out, writes the sandbox and runs setup, reporting each step', async () => {
		const env = environment('ls; grep -c sum src/sum.js; echo "mode=$MODE token=$NPM_TOKEN"');
		const events: PrepareEvent[] = [];
		const prepared = await prepareEnvironment(env, deps(env), (e) => events.push(e));
		const steps = events.filter((e) => e.type === 'step').map((e) => `${e.step}:${e.status}`);
		expect(steps).toEqual([
			'checkout:running',
			'checkout:done',
			'sandbox:running',
			'sandbox:done',
			'setup:running',
			'setup:done'
		]);
		expect(prepared.setup.exitCode).toBe(0);
		expect(prepared.setup.log).toContain('package.json\n');
		expect(prepared.setup.log).toContain('mode=test token=[secret]\n');
		expect(prepared.setup.log).not.toContain('npm_s3cr3t_value');
		const streamed = events
			.flatMap((e) => (e.type === 'setup-output' ? [e.chunk.text] : []))
			.join('');
		expect(streamed).toBe(prepared.setup.log);
		// The secret existed for setup only.
		const after = await prepared.sandbox.exec('echo "[$NPM_TOKEN]"');
		expect(after.stdout).toBe('[]\n');
	});

	it('stops at a failing setup script with its exit code and log tail', async () => {
		const env = environment('echo installing; echo "missing thing" >&2; exit 7');
		const events: PrepareEvent[] = [];
		const error = await prepareEnvironment(env, deps(env), (e) => events.push(e)).catch(
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(PrepareError);
		const failure = error as PrepareError;
		expect([failure.step, failure.code, failure.message, failure.hint]).toEqual([
			'setup',
			'setup-failed',
			'The setup script failed with exit code 7.',
			'installing\nmissing thing'
		]);
		expect(events.at(-1)).toMatchObject({ type: 'step', step: 'setup', status: 'failed' });
	});

	it('on Lite, a setup that needs Node is skipped with the reason, and the attempt goes on', async () => {
		const env = environment('echo "[$MODE]" > ran.txt\nnpm ci');
		const events: PrepareEvent[] = [];
		const prepared = await prepareEnvironment(env, deps(env), (e) => events.push(e));
		const told = events.flatMap((e) =>
			e.type === 'notice'
				? [`notice: ${e.message}`]
				: e.type === 'step' && e.step === 'setup'
					? [`setup ${e.status}: ${e.detail ?? ''}`]
					: []
		);
		expect(told).toEqual([
			'setup running: ',
			'notice: Setup skipped: `npm ci` needs Node, which the Lite runtime does not have; ' +
				'the agent can read and edit files but not run npm.',
			'setup done: skipped: needs Node, which Lite does not have'
		]);
		// Nothing of the script ran, not even its first line; the agent is told so.
		expect(await prepared.sandbox.readFile('ran.txt')).toBeNull();
		expect(prepared.setupNote).toBe(
			'The environment\'s setup script (`echo "[$MODE]" > ran.txt; npm ci`) was skipped ' +
				'because `npm ci` needs Node, which this Lite sandbox does not have, so nothing it ' +
				'would install or build (such as dependencies) is present: do not assume it ran, and ' +
				'do not try to run npm.'
		);
		expect(prepared.setup).toEqual({
			exitCode: 0,
			durationMs: 0,
			log: '',
			timedOut: false,
			aborted: false
		});
	});

	it('names the checkout step when the repository does not exist', async () => {
		const env = { ...environment(''), repoUrl: 'acme/missing' };
		const error = (await prepareEnvironment(env, deps(env), () => {}).catch(
			(e: unknown) => e
		)) as PrepareError;
		expect([error.step, error.code, error.message]).toEqual([
			'checkout',
			'repo-not-found',
			'Repository acme/missing was not found.'
		]);
	});
});

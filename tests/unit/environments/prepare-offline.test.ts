// An environment set up once: the next preparation mounts its snapshot instead of running
// setup, and with the git hosts gone it still works from the cached commit.
import 'fake-indexeddb/auto';
import LightningFS from '@isomorphic-git/lightning-fs';
import type { PromiseFsClient } from 'isomorphic-git';
import http from 'isomorphic-git/http/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareEnvironment, type PrepareEvent } from '../../../src/lib/core/environments/index.ts';
import { noCredentials } from '../../../src/lib/core/credentials/index.ts';
import { checkout } from '../../../src/lib/core/forge/index.ts';
import { baselineFiles, parseRepoInput } from '../../../src/lib/core/git/index.ts';
import { defaultAgentPolicy, defaultSetupPolicy } from '../../../src/lib/core/network/index.ts';
import { createLiteNetwork, createLiteSandbox } from '../../../src/lib/core/sandbox/index.ts';
import { createEnvironmentSnapshots } from '../../../src/lib/core/snapshots/index.ts';
import {
	newId,
	openPatchbayDb,
	snapshotsRepo,
	type EnvironmentRecord,
	type SnapshotsRepo
} from '../../../src/lib/core/store/index.ts';
import { startPeers, type Peers } from '../git/peers.ts';

let peers: Peers;
beforeAll(async () => {
	peers = await startPeers();
});
afterAll(() => peers.stop());

// The "dependency" comes from the git host itself: setup needs the network.
const setupScript = (host: string) =>
	[
		'echo ran >> setup-runs.txt',
		'mkdir -p node_modules/left-pad',
		`curl -s -o node_modules/left-pad/info.json ${host}/repos/acme/ts-failing-test`,
		'echo "module.exports = 1" > node_modules/left-pad/index.js'
	].join('\n');

const environment = (kind: 'github' | 'git'): EnvironmentRecord => ({
	id: `env-${kind}`,
	name: 'demo',
	repoUrl: kind === 'github' ? 'acme/ts-failing-test' : `${peers.git.url}/acme/ts-failing-test.git`,
	defaultBranch: 'main',
	setupScript: setupScript(peers.github.url),
	envVars: [{ name: 'MODE', value: 'test' }],
	setupSecrets: [],
	agentPolicy: defaultAgentPolicy,
	runtime: 'lite',
	createdAt: 1,
	updatedAt: 1
});

function preparer(env: EnvironmentRecord, repo: SnapshotsRepo) {
	const fs = new LightningFS(`offline-${newId()}`, { wipe: true }) as unknown as PromiseFsClient;
	const ref = parseRepoInput(env.repoUrl, peers.github.url).ref;
	return async () => {
		const events: PrepareEvent[] = [];
		const prepared = await prepareEnvironment(
			env,
			{
				checkout: async () => {
					const result = await checkout({
						ref,
						branch: 'main',
						fs,
						http,
						credentials: noCredentials,
						corsProxy: ''
					});
					return { ...result, files: await baselineFiles(result.store, result.baseline) };
				},
				createSandbox: async () => ({
					sandbox: createLiteSandbox({
						root: `/work/${newId()}`,
						defenseInDepth: false,
						fetch: setupNetwork
					})
				}),
				snapshots: createEnvironmentSnapshots({ repo, maxAgeMs: 3_600_000 })
			},
			(e) => events.push(e)
		);
		const notices = events.flatMap((e) => (e.type === 'notice' ? [e.message] : []));
		const setup = events.find(
			(e) => e.type === 'step' && e.step === 'setup' && e.status === 'done'
		);
		return { prepared, notices, setupDetail: setup?.type === 'step' ? setup.detail : undefined };
	};
}

// The real Lite network, under the setup policy (the internet, and the local peers listed by name).
const setupNetwork = createLiteNetwork({
	state: () => ({ policy: { ...defaultSetupPolicy, domains: ['127.0.0.1'] }, phase: 'setup' }),
	onAudit: () => {}
});

const text = async (sandbox: { readFile(p: string): Promise<Uint8Array | null> }, path: string) =>
	new TextDecoder().decode((await sandbox.readFile(path)) ?? new Uint8Array());

describe('snapshots and offline preparation', () => {
	it('set up once, then from the snapshot; then with the hosts gone, from the cache', async () => {
		const repo = snapshotsRepo(await openPatchbayDb({ name: `prep-${newId()}` }));
		const githubEnv = environment('github');
		const gitEnv = environment('git');
		const prepareGitHub = preparer(githubEnv, repo);
		const prepareGit = preparer(gitEnv, repo);

		for (const prepare of [prepareGitHub, prepareGit]) {
			const first = await prepare();
			expect(first.setupDetail).toBe('exit code 0');
			expect(first.notices).toEqual([
				expect.stringMatching(
					/^Saved an environment snapshot \(\d+ files, [\d.]+ KB\): the next task on this commit skips setup\.$/
				)
			]);
			expect(await text(first.prepared.sandbox, 'node_modules/left-pad/info.json')).toContain(
				'"full_name":"acme/ts-failing-test"'
			);

			const second = await prepare();
			expect(second.setupDetail).toBe('from snapshot, less than a minute old');
			expect(second.notices).toEqual([]);
			expect(second.prepared.snapshotAgeMs).toBeGreaterThanOrEqual(0);
			// Setup did not run again: its one line is the first run's.
			expect(await text(second.prepared.sandbox, 'setup-runs.txt')).toBe('ran\n');
			expect(await text(second.prepared.sandbox, 'node_modules/left-pad/index.js')).toBe(
				'module.exports = 1\n'
			);
			expect(await text(second.prepared.sandbox, 'src/sum.js')).toContain('export function sum');
		}
		expect((await repo.all()).map((r) => r.environmentId).sort()).toEqual([
			'env-git',
			'env-github'
		]);

		await Promise.all([peers.git.close(), peers.github.close()]);
		for (const [prepare, host] of [
			[prepareGitHub, new URL(peers.github.url).host],
			[prepareGit, new URL(peers.git.url).host]
		] as const) {
			const offline = await prepare();
			expect(offline.prepared.stats.fromCache).toBe(true);
			expect(offline.notices).toEqual([
				expect.stringMatching(
					new RegExp(
						`^Could not reach ${host}; using the cached commit [0-9a-f]{7} of main from less than a minute ago\\.$`
					)
				)
			]);
			expect(offline.setupDetail).toBe('from snapshot, less than a minute old');
			expect(await text(offline.prepared.sandbox, 'setup-runs.txt')).toBe('ran\n');
		}
	});
});

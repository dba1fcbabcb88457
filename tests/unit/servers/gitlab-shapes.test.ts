// The GitLab peer's answers held to what Patchbay reads and to GitLab's published types
// (@gitbeaker/core; see gitlab-reads.ts). The app's own code drives the peer (lookup, checkout by
// tree + raw blobs and by archive, listing, push and follow-up, rebase, merge request opened then
// updated, token check, an issue and its notes, a 404 and a missing scope); every answer is
// recorded and checked against the shape of its endpoint, so the app, the peer and the published
// description cannot drift apart unnoticed.
import 'fake-indexeddb/auto';
import LightningFS from '@isomorphic-git/lightning-fs';
import type { PromiseFsClient } from 'isomorphic-git';
import http from 'isomorphic-git/http/web';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credentials } from '../../../src/lib/core/credentials/index.ts';
import { checkout, forgeFor, forgeRepoFor } from '../../../src/lib/core/forge/index.ts';
import { parseRepoInput } from '../../../src/lib/core/git/index.ts';
import { parseForgeIssueRef, readForgeIssue } from '../../../src/lib/core/issues/forge-issue.ts';
import { buildBareRepo } from '../../fixtures/build-repos.ts';
import { seedIssue } from '../../servers/issue-file.ts';
import { READ_TOKEN, startForgePeers, TOKEN, type ForgePeers } from '../forge/peers.ts';
import { checkAnswers, recordAnswers, type Answer } from './forge-answers.ts';
import { agreements, endpoints, error } from './gitlab-reads.ts';

let peers: ForgePeers;
const answers: Answer[] = [];
let stopRecording = () => {};
beforeAll(async () => {
	peers = await startForgePeers();
	stopRecording = recordAnswers(() => `${peers.gitlab.url}/api/v4`, answers);
});
afterAll(async () => {
	stopRecording();
	await peers.stop();
});

const bytes = (text: string) => new TextEncoder().encode(text);

function credentials(token: string): Credentials {
	const host = new URL(peers.gitlab.url).host;
	return {
		github: { apiBase: 'https://api.github.com', token: '' },
		gitHosts: [{ host, username: '', token, proxyMayCarry: false, kind: 'gitlab' }]
	};
}

async function gitlab(path: string, token = TOKEN) {
	const host = new URL(peers.gitlab.url).host;
	const ref = parseRepoInput(`${peers.gitlab.url}/${path}`, 'https://api.github.com').ref;
	const forge = await forgeFor(forgeRepoFor(ref, [{ host, kind: 'gitlab' }]), {
		credentials: credentials(token)
	});
	if (!forge) throw new Error('no GitLab forge');
	return forge;
}

let stores = 0;
const checkedOut = (path: string) =>
	checkout({
		ref: { kind: 'git', url: `${peers.gitlab.url}/${path}` },
		branch: 'main',
		fs: new LightningFS(`gl-shapes-${++stores}`, { wipe: true }) as unknown as PromiseFsClient,
		http,
		credentials: credentials(TOKEN),
		corsProxy: ''
	});

const pick = (body: unknown, keys: string[]) =>
	Object.fromEntries(keys.map((k) => [k, (body as Record<string, unknown>)[k]]));

describe('GitLab peer answers, as the app reads them and GitLab publishes them', () => {
	it('holds to the published types at compile time', () => {
		expect(agreements.every((ok) => ok === true)).toBe(true);
	});

	it('answers every endpoint the app calls in the shape the app reads', async () => {
		const copy = await peers.fresh('exec-and-symlink', 'shapes/sub');
		const forge = await gitlab(copy.path);
		expect(await forge.lookup()).toEqual({
			defaultBranch: 'main',
			branches: ['main'],
			private: false
		});
		const { store } = await checkedOut(copy.path);
		await forge.listing!({
			branch: 'main',
			store,
			maxFileBytes: 1_000_000,
			paths: () => ['README.md']
		});
		const readme = copy.show('main:README.md');
		const changes = [
			{ path: 'README.md', before: readme, after: bytes('# edited\n') },
			{ path: 'tools/go.sh', before: null, after: bytes('#!/bin/sh\n'), afterMode: '100755' }
		];
		const options = {
			baseline: copy.baseline,
			changes,
			branch: { title: 'Edit' },
			message: 'Edit'
		};
		const first = await forge.push(options);
		expect((await forge.push(options)).outcome).toBe('up-to-date');
		await forge.push({
			...options,
			changes: [changes[0]!],
			message: 'Edit again',
			existingBranch: { name: first.branch, sha: first.commitSha }
		});
		await forge.rebaseOnto('main', copy.baseline.commit, changes);
		const request = {
			head: first.branch,
			base: 'main',
			title: 'Edit',
			draft: false,
			baselineCommit: copy.baseline.commit
		};
		await forge.openChangeRequest!({ ...request, body: 'First' });
		await forge.openChangeRequest!({ ...request, body: 'Second' });
		expect(await forge.checkToken!()).toEqual({ login: 'tanuki', scopes: ['api'], missing: [] });
		expect(await forge.branchHead('no-such-branch')).toBeNull();
		await expect((await gitlab(copy.path, READ_TOKEN)).push(options)).rejects.toMatchObject({
			code: 'missing-scope'
		});
		const number = await seedIssue(copy.gitDir, {
			title: 'Crash on start',
			body: 'It crashes.',
			author: 'ada',
			comments: [
				{ author: 'bob', body: 'Me too.' },
				{ author: 'ada', body: 'changed the description', system: true }
			]
		});
		const host = new URL(peers.gitlab.url).host;
		const address = `${peers.gitlab.url}/${copy.path}/-/issues/${number}`;
		const issueRef = parseForgeIssueRef(address, [{ host, kind: 'gitlab' }]);
		expect(await readForgeIssue(issueRef!, credentials(TOKEN))).toEqual({
			title: 'Crash on start',
			body: 'It crashes.',
			author: 'ada',
			comments: [{ author: 'bob', body: 'Me too.' }]
		});
		// More than 100 blobs the store lacks: the checkout takes the repository archive.
		const many: Record<string, string> = {};
		for (let i = 0; i < 120; i++) many[`part-${i % 3}/file-${i}.txt`] = `file ${i}\n`;
		await buildBareRepo(peers.root, 'shapes/sub', 'many', many);
		await checkedOut('shapes/sub/many');

		const { problems, seen } = checkAnswers(answers, endpoints, error);
		expect(problems).toEqual([]);
		expect([...seen].sort()).toEqual(endpoints.map((e) => e.name).sort());
		expect(answers.some((a) => a.status === 404)).toBe(true);
		expect(answers.some((a) => a.status === 403)).toBe(true);
	});

	it('answers with the values git and the peer hold, for the fields the app reads', async () => {
		const copy = await peers.fresh('exec-and-symlink', 'values/sub');
		answers.length = 0;
		const forge = await gitlab(copy.path);
		await forge.lookup();
		await checkedOut(copy.path);
		const body = (name: string) => {
			const endpoint = endpoints.find((e) => e.name === name)!;
			return answers.find((a) => a.method === endpoint.method && endpoint.path.test(a.path))!.body;
		};
		expect(
			pick(body('project'), ['path_with_namespace', 'default_branch', 'visibility', 'web_url'])
		).toEqual({
			path_with_namespace: copy.path,
			default_branch: 'main',
			visibility: 'public',
			web_url: `${peers.gitlab.url}/${copy.path}`
		});
		expect(body('branches')).toMatchObject([
			{ name: 'main', commit: { id: copy.baseline.commit } }
		]);
		expect(pick(body('commit'), ['id', 'parent_ids', 'tree_id'])).toEqual({
			id: copy.baseline.commit,
			parent_ids: copy.git('rev-list', '--parents', '-n1', 'main').split(' ').slice(1),
			tree_id: copy.baseline.tree
		});
		const message = (body('commit') as { message: string }).message;
		expect(message.trimEnd()).toBe(copy.git('log', '-1', '--format=%B', 'main'));
		// The branch's commit as GitLab sends it: the message exactly as stored (git commit's final
		// newline kept), each date in its person's zone with milliseconds.
		const raw = execFileSync('git', ['--git-dir', copy.gitDir, 'cat-file', 'commit', 'main'], {
			encoding: 'utf8'
		});
		const head = (
			body('branch') as {
				commit: { message: string; authored_date: string; committed_date: string };
			}
		).commit;
		expect([head.message, head.authored_date, head.committed_date]).toEqual([
			raw.slice(raw.indexOf('\n\n') + 2),
			copy.git('log', '-1', '--format=%aI', 'main').replace(/([+-]\d\d:\d\d)$/, '.000$1'),
			copy.git('log', '-1', '--format=%cI', 'main').replace(/([+-]\d\d:\d\d)$/, '.000$1')
		]);
		expect(head.message.endsWith('\n')).toBe(true);
	});
});

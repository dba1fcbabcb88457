// A repository with a submodule, checked out and pushed over smart HTTP to the real `git
// http-backend`: the gitlink stays in the baseline (as a submodule the sandbox does not get) and
// in every pushed tree, unless the attempt put a file in its place.
import 'fake-indexeddb/auto';
import LightningFS from '@isomorphic-git/lightning-fs';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PromiseFsClient } from 'isomorphic-git';
import http from 'isomorphic-git/http/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subprojectText, type FileChange } from '../../../src/lib/core/diff/index.ts';
import { checkout } from '../../../src/lib/core/forge/index.ts';
import { pushOverSmartHttp } from '../../../src/lib/core/git/index.ts';
import { buildFixtureRepos } from '../../fixtures/build-repos.ts';
import { startGitServer, type GitServer } from '../../servers/git.ts';

const GITLINK = '1234567890abcdef1234567890abcdef12345678';
const bytes = (text: string) => new TextEncoder().encode(text);

let root = '';
let server: GitServer;
beforeAll(async () => {
	root = await mkdtemp(join(tmpdir(), 'patchbay-git-submodule-'));
	server = await startGitServer({ root });
});
afterAll(async () => {
	await server.close();
	await rm(root, { recursive: true, force: true });
});

let copies = 0;

/** A fixture with a submodule at vendor/lib added on main, checked out into a fresh store. */
async function withSubmodule() {
	const owner = `sub${++copies}`;
	const gitDir = (await buildFixtureRepos(root, { owner }))['exec-and-symlink']!;
	const git = (...args: string[]) =>
		execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8' }).trim();
	const work = await mkdtemp(join(tmpdir(), 'patchbay-submodule-work-'));
	const env = {
		...process.env,
		...{ GIT_AUTHOR_NAME: 'u', GIT_AUTHOR_EMAIL: 'u@example.com' },
		...{ GIT_COMMITTER_NAME: 'u', GIT_COMMITTER_EMAIL: 'u@example.com' }
	};
	const run = (...args: string[]) => execFileSync('git', ['-C', work, ...args], { env });
	execFileSync('git', ['clone', '-q', gitDir, work]);
	run('update-index', '--add', '--cacheinfo', `160000,${GITLINK},vendor/lib`);
	run('commit', '-qm', 'Add a submodule');
	run('push', '-q', 'origin', 'main');
	await rm(work, { recursive: true, force: true });
	const url = `${server.url}/${owner}/exec-and-symlink.git`;
	const credentials = { github: { token: '', apiBase: 'https://api.github.com' }, gitHosts: [] };
	const fs = new LightningFS(`patchbay-submodule-${owner}`, {
		wipe: true
	}) as unknown as PromiseFsClient;
	const { baseline, store } = await checkout({
		ref: { kind: 'git', url },
		branch: 'main',
		fs,
		http,
		credentials,
		corsProxy: ''
	});
	const push = (changes: FileChange[]) =>
		pushOverSmartHttp({
			url,
			store,
			remote: { http, corsProxy: '', credentials },
			base: baseline,
			changes,
			branch: { title: 'Keep the submodule' },
			message: 'Keep the submodule',
			now: () => 1_700_000_000
		});
	return { git, baseline, push };
}

describe('a submodule through checkout and a smart HTTP push', () => {
	it('is in the baseline and stays in a pushed tree the attempt did not touch there', async () => {
		const repo = await withSubmodule();
		expect(repo.baseline.skipped).toContainEqual({
			path: 'vendor/lib',
			oid: GITLINK,
			reason: 'submodule'
		});
		const readme = repo.baseline.entries.find((entry) => entry.path.endsWith('.md'))!;
		const pushed = await repo.push([
			{ path: readme.path, before: bytes('old'), after: bytes('Changed.\n') }
		]);
		expect(repo.git('ls-tree', pushed.branch, 'vendor/lib')).toBe(
			`160000 commit ${GITLINK}\tvendor/lib`
		);
		expect(repo.git('show', `${pushed.branch}:${readme.path}`)).toBe('Changed.');
	});

	it('gives way to a file the attempt put in its place', async () => {
		const repo = await withSubmodule();
		const pushed = await repo.push([
			{
				path: 'vendor/lib',
				before: subprojectText(GITLINK),
				beforeMode: '160000',
				beforeOid: GITLINK,
				after: bytes('now a file\n'),
				afterMode: '100644'
			}
		]);
		expect(repo.git('ls-tree', pushed.branch, 'vendor/lib')).toMatch(
			/^100644 blob [0-9a-f]{40}\tvendor\/lib$/
		);
		expect(repo.git('show', `${pushed.branch}:vendor/lib`)).toBe('now a file');
	});
});

// A smart-HTTP checkout records the baseline commit's info (Baseline.commitInfo) exactly as the
// commit object stores it: a message without a final newline, an author and a committer in
// their own zones. Over the real `git http-backend` peer, into an object store on disk.
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import http from 'isomorphic-git/http/web';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { noCredentials } from '../../../src/lib/core/credentials/index.ts';
import { cloneOverSmartHttp } from '../../../src/lib/core/git/clone-smart-http.ts';
import { openObjectStore } from '../../../src/lib/core/git/index.ts';
import { startGitServer, type GitServer } from '../../servers/git.ts';
import { removeDir, tempDir } from '../diff/git-repo.ts';

let root = '';
let server: GitServer;

function git(cwd: string, args: string[], env: Record<string, string> = {}, input?: string) {
	const result = spawnSync('git', args, {
		cwd,
		input,
		env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', ...env }
	});
	if (result.status !== 0) throw new Error(result.stderr.toString());
	return result.stdout.toString();
}

beforeAll(async () => {
	root = tempDir('patchbay-smart-commit-');
	const bare = join(root, 'acme', 'people.git');
	fs.mkdirSync(bare, { recursive: true });
	git(bare, ['init', '-q', '--bare', '-b', 'main']);
	const blob = git(bare, ['hash-object', '-w', '--stdin'], {}, 'hello\n').trim();
	const tree = git(bare, ['mktree'], {}, `100644 blob ${blob}\tREADME.md\n`).trim();
	const commit = git(
		bare,
		['commit-tree', tree],
		{
			GIT_AUTHOR_NAME: 'Grace Hopper',
			GIT_AUTHOR_EMAIL: 'grace@example.com',
			GIT_AUTHOR_DATE: '2023-11-02T09:15:30+05:45',
			GIT_COMMITTER_NAME: 'Release Bot',
			GIT_COMMITTER_EMAIL: 'bot@example.org',
			GIT_COMMITTER_DATE: '2024-01-07T23:59:59-03:30'
		},
		'Subject\n\nA body without a final newline'
	).trim();
	git(bare, ['update-ref', 'refs/heads/main', commit]);
	server = await startGitServer({ root });
});
afterAll(async () => {
	await server?.close();
	removeDir(root);
});

it('keeps the message as stored and both people in their own zones', async () => {
	const store = await openObjectStore(fs, join(root, 'store.git'));
	const { baseline } = await cloneOverSmartHttp({
		url: `${server.url}/acme/people.git`,
		branch: 'main',
		store,
		remote: { http, corsProxy: '', credentials: noCredentials },
		maxFileBytes: 1 << 20
	});
	expect(baseline.commitInfo).toEqual({
		message: 'Subject\n\nA body without a final newline',
		author: 'Grace Hopper <grace@example.com>',
		date: '2023-11-02T09:15:30+05:45',
		committer: 'Release Bot <bot@example.org>',
		committerDate: '2024-01-07T23:59:59-03:30'
	});
});

import 'fake-indexeddb/auto';
import LightningFS from '@isomorphic-git/lightning-fs';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HttpClient, PromiseFsClient } from 'isomorphic-git';
import http from 'isomorphic-git/http/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noCredentials, type Credentials } from '../../../src/lib/core/credentials/index.ts';
import type { FileChange } from '../../../src/lib/core/diff/index.ts';
import { checkout } from '../../../src/lib/core/forge/index.ts';
import {
	pushOverSmartHttp,
	rebaseOverSmartHttp,
	remoteBranchHead
} from '../../../src/lib/core/git/index.ts';
import type { SmartHttpPushOptions } from '../../../src/lib/core/git/index.ts';
import type { PushProgress } from '../../../src/lib/core/github/index.ts';
import { AppError } from '../../../src/lib/core/http/index.ts';
import { buildFixtureRepos } from '../../fixtures/build-repos.ts';
import { privateMarker, startGitServer, type GitServer } from '../../servers/git.ts';

let root = '';
let server: GitServer;
beforeAll(async () => {
	root = await mkdtemp(join(tmpdir(), 'patchbay-git-push-'));
	server = await startGitServer({ root });
});
afterAll(async () => {
	await server.close();
	await rm(root, { recursive: true, force: true });
});

const bytes = (text: string) => new TextEncoder().encode(text);

/** Settings with `token` for the git peer's host (Settings → Git hosts). */
const hostToken = (url: string, token: string): Credentials => ({
	github: { token: '', apiBase: 'https://api.github.com' },
	gitHosts: [{ host: new URL(url).host, username: '', token, proxyMayCarry: false }]
});
let copies = 0;

/** A fresh copy of fixture `name` on the git peer, checked out into a fresh local store. */
async function fresh(name: string, options: { password?: string } = {}) {
	const owner = `team${++copies}`;
	const gitDir = (await buildFixtureRepos(root, { owner }))[name]!;
	if (options.password) await writeFile(join(gitDir, privateMarker), options.password);
	const git = (...args: string[]) =>
		execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8' }).trim();
	const url = `${server.url}/${owner}/${name}.git`;
	const remote = {
		http,
		corsProxy: '',
		credentials: hostToken(server.url, options.password ?? '')
	};
	// The browser's file system (lightning-fs over IndexedDB), a fresh one per repo.
	const fs = new LightningFS(`patchbay-push-${owner}`, {
		wipe: true
	}) as unknown as PromiseFsClient;
	const { baseline, store } = await checkout({
		ref: { kind: 'git', url },
		branch: 'main',
		fs,
		http,
		credentials: remote.credentials,
		corsProxy: ''
	});
	const push = (changes: FileChange[], extra: Partial<SmartHttpPushOptions> = {}) =>
		pushOverSmartHttp({
			url,
			store,
			remote,
			base: baseline,
			changes,
			branch: { title: 'Tidy the scripts' },
			message: 'Tidy the scripts',
			now: () => 1_700_000_000,
			...extra
		});
	return {
		gitDir,
		git,
		url,
		remote,
		store,
		baseline,
		push,
		lsTree: (rev: string) => git('ls-tree', '-r', rev).split('\n').filter(Boolean),
		show: (spec: string) => new Uint8Array(execFileSync('git', ['--git-dir', gitDir, 'show', spec]))
	};
}

/** An http client that records the object count of every pack it sends. */
function countingPacks(counts: number[]): HttpClient {
	return {
		async request(request) {
			if (request.method === 'POST' && request.url.endsWith('/git-receive-pack') && request.body) {
				const chunks: Uint8Array[] = [];
				for await (const chunk of request.body) chunks.push(chunk);
				const body = Buffer.concat(chunks);
				const at = body.indexOf('PACK');
				if (at >= 0) counts.push(body.readUInt32BE(at + 8));
				const resend = (async function* () {
					yield new Uint8Array(body);
				})();
				return http.request({ ...request, body: resend });
			}
			return http.request(request);
		}
	};
}

/** Someone else's commit on main, made with the real git in a clone of the bare repo. */
async function commitOnMain(gitDir: string, path: string, edit: (text: string) => string) {
	const work = await mkdtemp(join(tmpdir(), 'patchbay-upstream-'));
	const env = {
		...process.env,
		...{ GIT_AUTHOR_NAME: 'u', GIT_AUTHOR_EMAIL: 'u@example.com' },
		...{ GIT_COMMITTER_NAME: 'u', GIT_COMMITTER_EMAIL: 'u@example.com' }
	};
	const run = (...args: string[]) => execFileSync('git', ['-C', work, ...args], { env });
	try {
		execFileSync('git', ['clone', '-q', gitDir, work]);
		const file = join(work, path);
		await writeFile(file, edit(await readFile(file, 'utf8')));
		run('commit', '-qam', 'Upstream');
		run('push', '-q', 'origin', 'main');
	} finally {
		await rm(work, { recursive: true, force: true });
	}
}

const blobId = (content: Uint8Array | string) =>
	execFileSync('git', ['hash-object', '--stdin'], { input: content, encoding: 'utf8' }).trim();

describe('pushOverSmartHttp', () => {
	it('pushes a new branch on the baseline with exactly the attempt tree; a follow-up fast-forwards it', async () => {
		const repo = await fresh('exec-and-symlink');
		const readme = repo.show('main:README.md');
		const intro = repo.show('main:docs/guide/intro.md');
		const changes: FileChange[] = [
			{ path: 'README.md', before: readme, after: bytes('Changed.\n') },
			{
				path: 'bin/run.sh',
				before: repo.show('main:bin/run.sh'),
				after: repo.show('main:bin/run.sh'),
				beforeMode: '100755',
				afterMode: '100644'
			},
			{ path: 'docs/intro.md', oldPath: 'docs/guide/intro.md', before: intro, after: intro },
			{ path: 'link-to-readme', before: bytes('README.md'), after: null, beforeMode: '120000' },
			{ path: 'latest', before: null, after: bytes('bin/run.sh'), afterMode: '120000' },
			{ path: 'assets/pixel.bin', before: null, after: new Uint8Array([0, 255, 1, 137]) },
			{
				path: 'tools/build.sh',
				before: null,
				after: bytes('#!/bin/sh\necho build\n'),
				afterMode: '100755'
			}
		];
		const progress: PushProgress[] = [];
		const packs: number[] = [];
		const first = await repo.push(changes, {
			onProgress: (p) => progress.push(p),
			remote: { ...repo.remote, http: countingPacks(packs) }
		});
		const branch = 'patchbay/tidy-the-scripts';
		expect(first).toEqual({ branch, commitSha: repo.git('rev-parse', branch), outcome: 'created' });
		expect(progress.map((p) => p.phase)).toEqual(['tree', 'branch', 'done']);
		// Only what the remote lacked travelled, not the baseline's objects again.
		const newObjects = repo.git('rev-list', '--objects', branch, '--not', 'main').split('\n');
		expect(packs).toEqual([newObjects.length]);
		expect(newObjects.length).toBeLessThan(
			repo.git('rev-list', '--objects', branch).split('\n').length
		);
		expect(repo.git('rev-parse', `${branch}^`)).toBe(repo.baseline.commit);
		expect(repo.lsTree(branch)).toEqual([
			`100644 blob ${blobId('Changed.\n')}\tREADME.md`,
			`100644 blob ${blobId(new Uint8Array([0, 255, 1, 137]))}\tassets/pixel.bin`,
			`100644 blob ${blobId(repo.show('main:bin/run.sh'))}\tbin/run.sh`,
			`100644 blob ${blobId(intro)}\tdocs/intro.md`,
			`120000 blob ${blobId('bin/run.sh')}\tlatest`,
			`100755 blob ${blobId('#!/bin/sh\necho build\n')}\ttools/build.sh`
		]);
		expect(repo.git('fsck', '--no-dangling')).toBe('');
		expect(repo.git('log', '-1', '--format=%an <%ae>|%s', branch)).toBe(
			'Patchbay <patchbay@localhost>|Tidy the scripts'
		);

		// The same push again (an answer lost on the way): nothing new, the branch stays.
		expect(await repo.push(changes)).toEqual({ ...first, outcome: 'up-to-date' });

		// After a follow-up: the whole attempt again, one commit on top of the first.
		const followUp = changes.map((c) =>
			c.path === 'README.md' ? { ...c, after: bytes('Changed twice.\n') } : c
		);
		const second = await repo.push(followUp, {
			existingBranch: { name: branch, sha: first.commitSha }
		});
		expect(second).toEqual({
			branch,
			commitSha: repo.git('rev-parse', branch),
			outcome: 'updated'
		});
		expect(repo.git('rev-parse', `${branch}^`)).toBe(first.commitSha);
		expect(repo.git('show', `${branch}:README.md`)).toBe('Changed twice.');
		expect(repo.git('diff', '--name-only', first.commitSha, branch)).toBe('README.md');
		// A follow-up that changed nothing more: the branch stays where it is.
		const again = await repo.push(followUp, {
			existingBranch: { name: branch, sha: second.commitSha }
		});
		expect(again).toEqual({ ...second, outcome: 'up-to-date' });
	});

	it('gives a taken branch name a suffix, read from the remote refs', async () => {
		const repo = await fresh('empty-ish');
		repo.git('branch', 'patchbay/tidy-the-scripts', 'main');
		repo.git('branch', 'patchbay/tidy-the-scripts-2', 'main');
		const readme = repo.show('main:README.md');
		const result = await repo.push([{ path: 'README.md', before: readme, after: bytes('New.\n') }]);
		expect(result.branch).toBe('patchbay/tidy-the-scripts-3');
		expect(repo.git('rev-parse', 'patchbay/tidy-the-scripts')).toBe(repo.baseline.commit);
	});

	it('refuses to move a branch someone else pushed to, and says so', async () => {
		const repo = await fresh('empty-ish');
		const readme = repo.show('main:README.md');
		const first = await repo.push([{ path: 'README.md', before: readme, after: bytes('One.\n') }]);
		repo.git('update-ref', `refs/heads/${first.branch}`, repo.baseline.commit);
		const error = await repo
			.push([{ path: 'README.md', before: readme, after: bytes('Two.\n') }], {
				existingBranch: { name: first.branch, sha: first.commitSha }
			})
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(AppError);
		expect((error as AppError).code).toBe('branch-diverged');
	});

	it('pushes to a private repository with the token as the Basic password, and explains a missing one', async () => {
		const repo = await fresh('empty-ish', { password: 'sekrit' });
		const readme = repo.show('main:README.md');
		const change = [{ path: 'README.md', before: readme, after: bytes('Private.\n') }];
		const result = await repo.push(change);
		expect(repo.git('show', `${result.branch}:README.md`)).toBe('Private.');
		const error = await repo
			.push(change, {
				branch: { name: 'other' },
				remote: { http, corsProxy: '', credentials: noCredentials }
			})
			.catch((e: unknown) => e);
		expect(error).toMatchObject({ code: 'auth-required' });
	});

	it('rebases onto a base branch that moved on: fetched shallow, replayed, pushed with the new head as parent', async () => {
		const repo = await fresh('ts-failing-test');
		const sum = new TextDecoder().decode(repo.show('main:src/sum.js'));
		await commitOnMain(repo.gitDir, 'src/sum.js', (text) => `// Upstream header.\n${text}`);
		const head = repo.git('rev-parse', 'main');
		const target = { url: repo.url, remote: repo.remote, branch: 'main' };
		expect(await remoteBranchHead(target)).toBe(head);
		expect(await remoteBranchHead({ ...target, branch: 'nope' })).toBeNull();
		const fixed = sum.replace('let i = 1', 'let i = 0');
		const changes = [{ path: 'src/sum.js', before: bytes(sum), after: bytes(fixed) }];
		const outcome = await rebaseOverSmartHttp({ ...target, store: repo.store, head, changes });
		if (!outcome.ok) throw new Error(JSON.stringify(outcome.conflicts));
		expect(outcome.base).toEqual({ commit: head, tree: repo.git('rev-parse', 'main^{tree}') });
		const pushed = await repo.push(outcome.changes, { base: outcome.base });
		expect(repo.git('rev-parse', `${pushed.branch}^`)).toBe(head);
		expect(repo.git('show', `${pushed.branch}:src/sum.js`)).toBe(
			`// Upstream header.\n${fixed}`.trimEnd()
		);

		// The same lines changed upstream too: named, nothing pushed.
		await commitOnMain(repo.gitDir, 'src/sum.js', (text) => text.replace('let i = 1', 'let i = 2'));
		const next = repo.git('rev-parse', 'main');
		expect(
			await rebaseOverSmartHttp({ ...target, store: repo.store, head: next, changes })
		).toEqual({
			ok: false,
			conflicts: [
				{ path: 'src/sum.js', reason: 'changed here and on the new head, in the same lines' }
			]
		});
	});
});

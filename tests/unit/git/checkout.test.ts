import 'fake-indexeddb/auto';
import LightningFS from '@isomorphic-git/lightning-fs';
import { execFileSync } from 'node:child_process';
import * as nodeFs from 'node:fs';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PromiseFsClient } from 'isomorphic-git';
import http from 'isomorphic-git/http/web';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { baselineFiles, parseRepoInput, type RepoRef } from '../../../src/lib/core/git/index.ts';
import { checkout, lookupRepository } from '../../../src/lib/core/forge/index.ts';
import { AppError } from '../../../src/lib/core/http/index.ts';
import { noCredentials, type Credentials } from '../../../src/lib/core/credentials/index.ts';
import { DEFAULT_MAX_FILE_BYTES } from '../../../src/lib/core/git/baseline.ts';
import { createGitHubReader } from '../../../src/lib/core/forge/github/reader.ts';
import { openObjectStore } from '../../../src/lib/core/git/object-store.ts';
import { snapshotFromGitHub } from '../../../src/lib/core/forge/github/snapshot.ts';
import { startPeers, TOKEN, type Peers } from './peers.ts';

let peers: Peers;
let local = '';
let fsForTest: PromiseFsClient;

beforeAll(async () => {
	peers = await startPeers();
});
afterAll(() => peers.stop());
let counter = 0;
beforeEach(() => {
	// A fresh local object store for every test: the cache is tested explicitly.
	local = `patchbay-git-test-${++counter}`;
	fsForTest = localFs();
});

/** The browser's file system (lightning-fs over IndexedDB), a fresh one per test. */
function localFs() {
	return new LightningFS(local, { wipe: true }) as unknown as PromiseFsClient;
}

const bare = (name: string) => peers.repos[name]!;
const git = (repo: string, ...args: string[]) =>
	execFileSync('git', ['--git-dir', repo, ...args], { encoding: 'utf8' });

function lsTree(repo: string, rev = 'main') {
	return git(repo, 'ls-tree', '-r', '-l', rev)
		.trim()
		.split('\n')
		.map((line) => {
			const [meta, path] = line.split('\t') as [string, string];
			const [mode, type, oid, size] = meta.split(/\s+/) as [string, string, string, string];
			return { path, mode, oid, type, size };
		});
}

/** Pushes a one-file change to `main` of a bare repo, with the real git. */
function commitChange(repo: string, path: string, text: string) {
	const work = mkdtempSync(join(tmpdir(), 'patchbay-push-'));
	const env = {
		...process.env,
		GIT_AUTHOR_NAME: 't',
		GIT_AUTHOR_EMAIL: 't@t',
		GIT_COMMITTER_NAME: 't',
		GIT_COMMITTER_EMAIL: 't@t'
	};
	const run = (...args: string[]) => execFileSync('git', args, { cwd: work, env });
	run('clone', '-q', repo, '.');
	writeFileSync(join(work, path), text);
	run('commit', '-qam', 'upstream change');
	run('push', '-q', 'origin', 'main');
	rmSync(work, { recursive: true, force: true });
}

const github = (name: string): RepoRef => parseRepoInput(`acme/${name}`, peers.github.url).ref;
const plain = (name: string): RepoRef =>
	parseRepoInput(`${peers.git.url}/acme/${name}.git`, peers.github.url).ref;

/** Settings holding `token` for the GitHub peer's API. */
const githubToken = (token: string): Credentials => ({
	github: { token, apiBase: peers.github.url },
	gitHosts: []
});

function run(ref: RepoRef, branch = 'main', extra: { token?: string; maxFileBytes?: number } = {}) {
	return checkout({
		ref,
		branch,
		fs: fsForTest,
		http,
		credentials: githubToken(extra.token ?? ''),
		corsProxy: '',
		maxFileBytes: extra.maxFileBytes
	});
}

async function failure(promise: Promise<unknown>) {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(AppError);
	return { code: (error as AppError).code, message: (error as AppError).message };
}

const fixtures = ['ts-failing-test', 'exec-and-symlink', 'binary-file', 'empty-ish'];

describe.each([
	['GitHub REST snapshot', github],
	['smart-HTTP clone', plain]
])('checkout through %s', (_label, refOf) => {
	it.each(fixtures)('%s: the baseline is exactly the commit tree, bytes included', async (name) => {
		const { baseline, store } = await run(refOf(name));
		const repo = bare(name);
		expect(baseline.commit).toBe(git(repo, 'rev-parse', 'main').trim());
		expect(baseline.tree).toBe(git(repo, 'rev-parse', 'main^{tree}').trim());
		const expected = lsTree(repo).filter((e) => e.type === 'blob');
		expect(baseline.entries.map(({ path, mode, oid }) => ({ path, mode, oid }))).toEqual(
			expected.map(({ path, mode, oid }) => ({ path, mode, oid }))
		);
		expect(baseline.skipped).toEqual([]);
		const files = await baselineFiles(store, baseline);
		for (const file of files) {
			const bytes = execFileSync('git', [
				'--git-dir',
				repo,
				'cat-file',
				'blob',
				`main:${file.path}`
			]);
			expect(Buffer.from(file.data).equals(bytes), file.path).toBe(true);
		}
	});
});

describe('GitHub REST snapshot', () => {
	it('fetches nothing again for an unchanged branch, and only the changed file after a push', async () => {
		const countContent = () =>
			peers.github.requests.filter(
				(r) => r.path.startsWith('/raw/') || r.path.includes('/git/blobs/')
			).length;
		const first = countContent();
		const a = await run(github('exec-and-symlink'));
		expect(a.stats.filesFetched).toBe(a.baseline.entries.length);
		expect(countContent() - first).toBe(a.baseline.entries.length);

		const before = countContent();
		const b = await run(github('exec-and-symlink'));
		expect([b.stats.fromCache, b.stats.filesFetched, countContent() - before]).toEqual([
			true,
			0,
			0
		]);
		expect(b.baseline).toEqual(a.baseline);

		commitChange(bare('exec-and-symlink'), 'README.md', 'changed upstream\n');
		const afterPush = countContent();
		const c = await run(github('exec-and-symlink'));
		expect([c.stats.fromCache, c.stats.filesFetched, countContent() - afterPush]).toEqual([
			false,
			1,
			1
		]);
		expect(c.baseline.commit).toBe(git(bare('exec-and-symlink'), 'rev-parse', 'main').trim());
	});

	it('into an empty store: every blob and tree in packs git verifies, the tree git’s own; a second checkout reuses them', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'patchbay-store-'));
		try {
			// A store on disk, so that git itself can read it.
			const gitdir = join(dir, 'store.git');
			const ref = github('ts-failing-test');
			if (ref.kind !== 'github') throw new Error('a GitHub ref');
			const options = {
				ref,
				branch: 'main',
				store: await openObjectStore(nodeFs, gitdir),
				reader: createGitHubReader({ apiBase: ref.apiBase, credentials: noCredentials }),
				maxFileBytes: DEFAULT_MAX_FILE_BYTES
			};
			const a = await snapshotFromGitHub(options);
			expect(a.stats.filesFetched).toBe(a.baseline.entries.length);
			// Nothing loose: the trees went into the pack with the blobs.
			expect(readdirSync(join(gitdir, 'objects')).filter((d) => /^[0-9a-f]{2}$/.test(d))).toEqual(
				[]
			);
			const ids = (text: string) => text.trim().split('\n').sort();
			expect(
				ids(
					execFileSync('git', ['--git-dir', gitdir, 'ls-tree', '-r', '-t', a.baseline.tree], {
						encoding: 'utf8'
					})
				)
			).toEqual(ids(git(bare('ts-failing-test'), 'ls-tree', '-r', '-t', 'main')));
			const packDir = join(gitdir, 'objects/pack');
			for (const idx of readdirSync(packDir).filter((f) => f.endsWith('.idx')))
				execFileSync('git', ['verify-pack', join(packDir, idx)]);

			// The baseline gone, the objects kept: nothing is fetched, the tree is proven again.
			rmSync(join(gitdir, 'patchbay'), { recursive: true });
			const b = await snapshotFromGitHub({
				...options,
				store: await openObjectStore(nodeFs, gitdir)
			});
			expect([b.stats.fromCache, b.stats.filesFetched]).toEqual([false, 0]);
			expect(b.baseline).toEqual(a.baseline);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('says how many requests a REST checkout makes before it fetches a file, and makes that many', async () => {
		const ref = github('exec-and-symlink');
		const heard: { phase: string; loaded: number; message?: string }[] = [];
		const result = await checkout({
			ref,
			branch: 'main',
			fs: fsForTest,
			http,
			credentials: noCredentials,
			corsProxy: '',
			onProgress: ({ phase, loaded, message }) => heard.push({ phase, loaded, message })
		});
		const files = result.baseline.entries.length;
		const announced = heard.find((p) => p.phase === 'fetching');
		expect(announced).toEqual({
			phase: 'fetching',
			loaded: 0,
			message: `Fetching ${files} files: ${result.stats.requests} requests to GitHub in all`
		});
		// The branch, the listing, then one raw request a file.
		expect([result.stats.requests, result.stats.filesFetched]).toEqual([files + 2, files]);
	});

	it('with a token, fetches text files many a request through GraphQL and binary ones raw', async () => {
		peers.github.requests.length = 0;
		const heard: string[] = [];
		const result = await checkout({
			ref: github('binary-file'),
			branch: 'main',
			fs: fsForTest,
			http,
			credentials: githubToken(TOKEN),
			corsProxy: '',
			onProgress: (p) => p.phase === 'fetching' && p.loaded === 0 && heard.push(p.message ?? '')
		});
		const fetched = peers.github.requests
			.filter((r) => r.method === 'POST' || r.path.startsWith('/raw/'))
			.map((r) => `${r.method} ${r.path.replace(/[0-9a-f]{40}/, '<commit>')} ${r.status}`);
		expect(fetched).toEqual([
			'POST /graphql 200',
			'GET /raw/acme/binary-file/<commit>/assets/logo.png 200'
		]);
		expect(heard).toEqual([
			'Fetching 4 files: 3 requests to GitHub in all, and one more a binary file'
		]);
		expect(result.stats.requests).toBe(4); // the branch, the listing, one query, one raw file
		const files = await baselineFiles(result.store, result.baseline);
		expect(files.map((f) => [f.path, f.oid])).toEqual(
			lsTree(bare('binary-file')).map((e) => [e.path, e.oid])
		);
		expect(new TextDecoder().decode(files.find((f) => f.path === 'windows.txt')!.data)).toBe(
			'first line\r\nsecond line\r\nthird line\r\n'
		);
	});

	it('takes a file from raw content when the text GraphQL gives does not hash to its blob', async () => {
		peers.github.requests.length = 0;
		const tampering: typeof fetch = async (input, init) => {
			const response = await fetch(input, init);
			if (!String(input).endsWith('/graphql')) return response;
			const body = (await response.json()) as {
				data: { repository: Record<string, { text: string | null }> };
			};
			for (const blob of Object.values(body.data.repository))
				if (blob.text?.startsWith('this file')) blob.text = 'THIS FILE has no newline at the end';
			return Response.json(body);
		};
		const result = await checkout({
			ref: github('binary-file'),
			branch: 'main',
			fs: fsForTest,
			http,
			credentials: githubToken(TOKEN),
			corsProxy: '',
			fetch: tampering
		});
		const raw = peers.github.requests
			.filter((r) => r.path.startsWith('/raw/'))
			.map((r) => r.path.split('/').at(-1))
			.sort();
		expect(raw).toEqual(['logo.png', 'no-newline.txt']);
		const files = await baselineFiles(result.store, result.baseline);
		expect(new TextDecoder().decode(files.find((f) => f.path === 'no-newline.txt')!.data)).toBe(
			'this file has no newline at the end'
		);
	});

	it('refuses a listing whose tree the files do not add up to, and keeps the verified blobs', async () => {
		const ref = github('exec-and-symlink');
		// GitHub's listing, with another tree id: the files fetched cannot add up to it.
		const lying: typeof fetch = async (input, init) => {
			const response = await fetch(input, init);
			if (!String(input).includes('/git/trees/')) return response;
			const body = (await response.json()) as { sha: string };
			return Response.json({ ...body, sha: '1'.repeat(40) });
		};
		const options = {
			ref,
			branch: 'main',
			fs: fsForTest,
			http,
			credentials: noCredentials,
			corsProxy: ''
		};
		expect(await failure(checkout({ ...options, fetch: lying }))).toMatchObject({
			code: 'snapshot-mismatch'
		});
		const again = await checkout(options);
		expect([again.stats.fromCache, again.stats.filesFetched]).toEqual([false, 0]);
		expect(again.baseline.tree).toBe(
			git(bare('exec-and-symlink'), 'rev-parse', 'main^{tree}').trim()
		);
	});

	it('walks subtrees when the recursive listing is truncated', async () => {
		peers.github.setRepoOptions('acme', 'exec-and-symlink', { treeTruncateLimit: 2 });
		try {
			const { baseline } = await run(github('exec-and-symlink'));
			expect(baseline.tree).toBe(git(bare('exec-and-symlink'), 'rev-parse', 'main^{tree}').trim());
			expect(baseline.entries.length).toBe(lsTree(bare('exec-and-symlink')).length);
		} finally {
			peers.github.setRepoOptions('acme', 'exec-and-symlink', { treeTruncateLimit: undefined });
		}
	});

	it('leaves files over the size limit out, with a note, and still proves the tree', async () => {
		const { baseline } = await run(github('binary-file'), 'main', { maxFileBytes: 20 });
		const all = lsTree(bare('binary-file'));
		const big = all.filter((e) => Number(e.size) > 20);
		expect(big.length).toBeGreaterThan(0);
		expect(baseline.skipped).toEqual(
			big.map((e) => ({ path: e.path, oid: e.oid, reason: 'too-large', size: Number(e.size) }))
		);
		expect(baseline.entries.map((e) => e.path)).toEqual(
			all.filter((e) => Number(e.size) <= 20).map((e) => e.path)
		);
	});

	it('checks out another branch', async () => {
		const { baseline } = await run(github('ts-failing-test'), 'feature');
		expect(baseline.commit).toBe(git(bare('ts-failing-test'), 'rev-parse', 'feature').trim());
	});

	it('explains a missing repository, a missing branch, a private repo and a wrong token', async () => {
		expect(await failure(run(github('nope')))).toEqual({
			code: 'repo-not-found',
			message: 'Repository acme/nope was not found.'
		});
		expect(await failure(run(github('empty-ish'), 'no-such-branch'))).toEqual({
			code: 'branch-not-found',
			message: 'Branch "no-such-branch" does not exist in acme/empty-ish.'
		});
		peers.github.setRepoOptions('acme', 'empty-ish', { private: true });
		try {
			expect(await failure(run(github('empty-ish')))).toEqual({
				code: 'repo-not-found',
				message: 'Repository acme/empty-ish was not found.'
			});
			const { baseline } = await run(github('empty-ish'), 'main', { token: TOKEN });
			expect(baseline.entries.length).toBe(1);
			expect(await failure(run(github('empty-ish'), 'main', { token: 'ghp_wrong' }))).toEqual({
				code: 'unauthorized',
				message: 'GitHub refused the token (401 Bad credentials).'
			});
		} finally {
			peers.github.setRepoOptions('acme', 'empty-ish', { private: false });
		}
	});
});

describe('smart-HTTP clone', () => {
	it('explains a missing repository and a missing branch', async () => {
		expect(await failure(run(plain('nope')))).toEqual({
			code: 'repo-not-found',
			message: `No git repository at ${peers.git.url}/acme/nope.git.`
		});
		expect(await failure(run(plain('empty-ish'), 'no-such-branch'))).toEqual({
			code: 'branch-not-found',
			message: `Branch "no-such-branch" does not exist in ${peers.git.url}/acme/empty-ish.git.`
		});
	});
});

describe('lookupRepository (the forge that serves the repo)', () => {
	it('lists branches with the default first, through the API and over smart HTTP', async () => {
		const options = { credentials: noCredentials, corsProxy: '', http };
		expect(await lookupRepository(github('ts-failing-test'), options)).toEqual({
			defaultBranch: 'main',
			branches: ['main', 'feature'],
			private: false
		});
		expect(await lookupRepository(plain('ts-failing-test'), options)).toEqual({
			defaultBranch: 'main',
			branches: ['main', 'feature'],
			private: null
		});
	});
});

// GitLab's listing for the setup proposal (Forge.listing through core/forge listWithFiles): the
// tree and only the named files, each from `blobs/:sha/raw` and hashed against its id, not the
// whole checkout; a blob the host alters is refused. And the checkout's early start: GitLab's
// snapshot tells the listed baseline before it fetches a single blob.
import 'fake-indexeddb/auto';
import LightningFS from '@isomorphic-git/lightning-fs';
import type { PromiseFsClient } from 'isomorphic-git';
import http from 'isomorphic-git/http/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credentials } from '../../../src/lib/core/credentials/index.ts';
import {
	checkout,
	listWithFiles,
	type CheckoutOptions
} from '../../../src/lib/core/forge/index.ts';
import type { Baseline } from '../../../src/lib/core/git/index.ts';
import { buildBareRepo } from '../../fixtures/build-repos.ts';
import { gitSays } from './git-says.ts';
import { startForgePeers, TOKEN, type ForgePeers } from './peers.ts';

let peers: ForgePeers;
beforeAll(async () => {
	peers = await startForgePeers();
});
afterAll(() => peers.stop());

let stores = 0;
function options(path: string): CheckoutOptions {
	const host = new URL(peers.gitlab.url).host;
	const credentials: Credentials = {
		github: { apiBase: 'https://api.github.com', token: '' },
		gitHosts: [{ host, username: '', token: TOKEN, proxyMayCarry: false, kind: 'gitlab' }]
	};
	return {
		ref: { kind: 'git', url: `${peers.gitlab.url}/${path}` },
		branch: 'main',
		fs: new LightningFS(`gl-list-${++stores}`, { wipe: true }) as unknown as PromiseFsClient,
		http,
		credentials,
		corsProxy: ''
	};
}

const rawBlobs = () =>
	peers.gitlab.requests
		.filter((r) => /\/repository\/blobs\/[0-9a-f]{40}\/raw$/.test(r.path))
		.map((r) => r.path.split('/').at(-2));
const smartHttp = () =>
	peers.gitlab.requests.filter((r) => /info\/refs|git-upload-pack/.test(r.path));

/** A project of 60 files in folders, a script and a symlink among them. */
async function manyFiles(name: string) {
	const files: Record<string, string> = { 'package.json': '{"name":"many"}\n' };
	for (let i = 0; i < 60; i++) files[`src/part-${i % 4}/file-${i}.ts`] = `export const n = ${i};\n`;
	const gitDir = await buildBareRepo(peers.root, 'list/sub', name, files);
	return { path: `list/sub/${name}`, gitDir };
}

describe('GitLab listing (the setup proposal)', () => {
	it('lists the tree and fetches only the files asked for, each as git has it', async () => {
		const repo = await manyFiles('few-fetched');
		const want = gitSays(repo.gitDir);
		peers.gitlab.requests.length = 0;
		const asked = ['package.json', 'src/part-1/file-5.ts', 'no/such/file'];
		const listed = await listWithFiles({
			...options(repo.path),
			paths: (list) => asked.filter((p) => list.includes(p) || p === 'no/such/file')
		});
		expect(listed.checkedOut).toBe(false);
		expect({ commit: listed.baseline.commit, tree: listed.baseline.tree }).toEqual({
			commit: want.commit,
			tree: want.tree
		});
		expect(listed.baseline.entries).toEqual(
			[...want.files].map(([path, f]) => ({ path, mode: f.mode, oid: f.oid }))
		);
		expect(listed.files).toEqual(
			new Map(asked.slice(0, 2).map((p) => [p, want.files.get(p)!.data]))
		);
		// Two blobs of 61, and no smart HTTP: the rest waits for the checkout in the background.
		expect(rawBlobs().sort()).toEqual(
			asked
				.slice(0, 2)
				.map((p) => want.files.get(p)!.oid)
				.sort()
		);
		expect(smartHttp()).toEqual([]);
	});

	it('refuses a named file whose bytes are not its blob', async () => {
		const repo = await manyFiles('tampered');
		peers.gitlab.faults.failNext({
			pathPattern: '/repository/blobs/[0-9a-f]{40}/raw$',
			status: 200,
			body: 'not the bytes of this blob'
		});
		await expect(
			listWithFiles({ ...options(repo.path), paths: () => ['package.json'] })
		).rejects.toMatchObject({
			code: 'snapshot-mismatch',
			message: expect.stringContaining('package.json')
		});
	});

	it('answers from the baseline saved for the commit once it is checked out: no listing, no blob', async () => {
		const repo = await manyFiles('saved');
		const first = await checkout(options(repo.path));
		peers.gitlab.requests.length = 0;
		const listed = await listWithFiles({
			...options(repo.path),
			fs: first.store.fs,
			paths: () => ['package.json']
		});
		expect(listed.baseline).toEqual(first.baseline);
		expect(new TextDecoder().decode(listed.files.get('package.json'))).toBe('{"name":"many"}\n');
		expect(peers.gitlab.requests.map((r) => r.path)).toEqual([
			`/api/v4/projects/${encodeURIComponent(repo.path)}/repository/branches/main`
		]);
	});
});

describe('GitLab checkout: the early start', () => {
	it('tells the listed baseline before any blob is fetched, the same the checkout gives', async () => {
		const repo = await manyFiles('early');
		peers.gitlab.requests.length = 0;
		let early: { baseline: Baseline; blobsFetched: number } | null = null;
		const result = await checkout({
			...options(repo.path),
			onListed: (baseline) => (early = { baseline, blobsFetched: rawBlobs().length }),
			first: (paths) => paths.filter((p) => p === 'package.json')
		});
		expect(early).toEqual({ baseline: result.baseline, blobsFetched: 0 });
		// Every file then fetched and verified (most from the archive: snapshot.ts's choice).
		expect(result.stats.filesFetched).toBe(61);
	});
});

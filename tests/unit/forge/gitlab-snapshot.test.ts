// GitLab checkout through API v4 (no smart HTTP): the tree listed page by page, each blob from
// `blobs/:sha/raw` hashed against its id, the folders recomputed. The result must be exactly what
// `git ls-tree -r` and `git cat-file` say of the bare repo; a second checkout fetches nothing;
// a blob the peer alters is refused.
import 'fake-indexeddb/auto';
import LightningFS from '@isomorphic-git/lightning-fs';
import type { PromiseFsClient } from 'isomorphic-git';
import http from 'isomorphic-git/http/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credentials } from '../../../src/lib/core/credentials/index.ts';
import { checkout, type CheckoutOptions } from '../../../src/lib/core/forge/index.ts';
import { baselineFiles } from '../../../src/lib/core/git/index.ts';
import { buildBareRepo } from '../../fixtures/build-repos.ts';
import { filesByPath, gitSays } from './git-says.ts';
import { startForgePeers, TOKEN, type ForgePeers } from './peers.ts';

let peers: ForgePeers;
beforeAll(async () => {
	peers = await startForgePeers();
});
afterAll(() => peers.stop());

let stores = 0;
function options(path: string, fsName = `gl-snap-${++stores}`): CheckoutOptions {
	const host = new URL(peers.gitlab.url).host;
	const credentials: Credentials = {
		github: { apiBase: 'https://api.github.com', token: '' },
		gitHosts: [{ host, username: '', token: TOKEN, proxyMayCarry: false, kind: 'gitlab' }]
	};
	return {
		ref: { kind: 'git', url: `${peers.gitlab.url}/${path}` },
		branch: 'main',
		fs: new LightningFS(fsName, { wipe: true }) as unknown as PromiseFsClient,
		http,
		credentials,
		corsProxy: ''
	};
}

const apiRequests = () => peers.gitlab.requests.filter((r) => r.path.startsWith('/api/v4/'));
const smartHttp = () =>
	peers.gitlab.requests.filter((r) => /info\/refs|git-upload-pack/.test(r.path));

describe('GitLab snapshot checkout', () => {
	for (const fixture of ['exec-and-symlink', 'binary-file', 'empty-ish', 'ts-failing-test']) {
		it(`gives ${fixture} exactly as git has it, over the API only`, async () => {
			const copy = await peers.fresh(fixture, 'snap/sub');
			peers.gitlab.requests.length = 0;
			const { baseline, store, stats } = await checkout(options(copy.path));
			const files = await baselineFiles(store, baseline);
			const want = gitSays(copy.gitDir);
			expect({ commit: baseline.commit, tree: baseline.tree }).toEqual({
				commit: want.commit,
				tree: want.tree
			});
			expect(filesByPath(files)).toEqual(want.files);
			expect(baseline.skipped).toEqual([]);
			expect(stats).toMatchObject({ fromCache: false, filesFetched: want.files.size });
			expect(smartHttp()).toEqual([]);
			const raw = apiRequests().filter((r) => r.path.endsWith('/raw'));
			expect(raw.map((r) => r.path.split('/').at(-2)).sort()).toEqual(
				[...new Set([...want.files.values()].map((f) => f.oid))].sort()
			);
		});
	}

	it('pages through a tree of more than 100 entries, and a second checkout fetches nothing', async () => {
		const many: Record<string, string> = {};
		for (let i = 0; i < 230; i++) many[`src/part-${i % 7}/file-${i}.txt`] = `file ${i}\n`;
		const gitDir = await buildBareRepo(peers.root, 'paged/sub', 'many', many);
		const fsName = `gl-snap-paged-${++stores}`;
		peers.gitlab.requests.length = 0;
		const first = await checkout(options('paged/sub/many', fsName));
		const pages = apiRequests().filter((r) => r.path.includes('/repository/tree?'));
		expect(pages.length).toBe(3); // 237 entries (230 files, 7 folders) at 100 a page
		expect(pages.slice(1).every((r) => r.path.includes('page_token='))).toBe(true);
		const want = gitSays(gitDir);
		const files = await baselineFiles(first.store, first.baseline);
		expect(filesByPath(files)).toEqual(want.files);

		peers.gitlab.requests.length = 0;
		const again = await checkout({ ...options('paged/sub/many'), fs: first.store.fs });
		expect(again.stats).toMatchObject({ fromCache: true, filesFetched: 0 });
		expect(again.baseline).toEqual(first.baseline);
		// Only the branch is asked for: no listing, no blob.
		expect(peers.gitlab.requests.map((r) => r.path)).toEqual([
			`/api/v4/projects/${encodeURIComponent('paged/sub/many')}/repository/branches/main`
		]);

		// GitLab out of reach: the branch's last resolved commit and its cached baseline.
		const offline = await checkout({
			...options('paged/sub/many'),
			fs: first.store.fs,
			fetch: () => Promise.reject(new TypeError('Failed to fetch'))
		});
		expect(offline.baseline).toEqual(first.baseline);
		expect(offline.stats).toMatchObject({
			fromCache: true,
			offline: { host: new URL(peers.gitlab.url).host }
		});
	});

	it('refuses a blob the host alters, and keeps no baseline for it', async () => {
		const copy = await peers.fresh('binary-file', 'snap/tamper');
		const opts = options(copy.path);
		peers.gitlab.faults.failNext({
			pathPattern: '/repository/blobs/[0-9a-f]{40}/raw$',
			status: 200,
			body: 'not the bytes of this blob'
		});
		await expect(checkout(opts)).rejects.toMatchObject({ code: 'snapshot-mismatch' });
		// Nothing was saved for the commit: the next attempt (no fault) lists and fetches again.
		const retry = await checkout(opts);
		expect(retry.stats.fromCache).toBe(false);
		expect(retry.baseline).toMatchObject({
			commit: copy.baseline.commit,
			tree: copy.baseline.tree
		});
	});

	it('refuses a listing whose folders the blobs do not add up to', async () => {
		const copy = await peers.fresh('exec-and-symlink', 'snap/folders');
		const at = `${peers.gitlab.url}/api/v4/projects/${encodeURIComponent(copy.path)}`;
		const listing = (await (
			await fetch(`${at}/repository/tree?recursive=true&ref=main&per_page=100`)
		).json()) as { id: string; type: string; path: string }[];
		const folder = listing.find((e) => e.type === 'tree');
		if (!folder) throw new Error('the fixture has no folder');
		// A folder's id that its files do not hash to: every blob still checks out.
		folder.id = listing.find((e) => e.type === 'blob')!.id;
		peers.gitlab.faults.failNext({
			pathPattern: '/repository/tree\\?',
			status: 200,
			body: listing
		});
		await expect(checkout(options(copy.path))).rejects.toMatchObject({
			code: 'snapshot-mismatch',
			message: expect.stringContaining("do not add up to GitLab's folders")
		});
	});

	it('follows offset pages (X-Next-Page) where the host ignores keyset pagination', async () => {
		const many: Record<string, string> = {};
		for (let i = 0; i < 150; i++) many[`f/file-${i}.txt`] = `offset ${i}\n`;
		const gitDir = await buildBareRepo(peers.root, 'offset/sub', 'many', many);
		const at = `${peers.gitlab.url}/api/v4/projects/${encodeURIComponent('offset/sub/many')}`;
		const firstPage = await (
			await fetch(`${at}/repository/tree?recursive=true&ref=main&per_page=100&page=1`)
		).json();
		// The keyset request answered as an older host does: page 1 and `X-Next-Page: 2`.
		peers.gitlab.faults.failNext({
			pathPattern: 'pagination=keyset',
			status: 200,
			body: firstPage,
			headers: { 'X-Next-Page': '2' }
		});
		peers.gitlab.requests.length = 0;
		const { baseline, store } = await checkout(options('offset/sub/many'));
		expect(filesByPath(await baselineFiles(store, baseline))).toEqual(gitSays(gitDir).files);
		const pages = apiRequests().filter((r) => r.path.includes('/repository/tree?'));
		expect(pages.map((r) => new URL(r.path, 'http://x').searchParams.get('page'))).toEqual([
			null,
			'2'
		]);
	});

	it('keeps files over the size limit out of the sandbox, listed as skipped', async () => {
		const copy = await peers.fresh('binary-file', 'snap/large');
		const want = gitSays(copy.gitDir);
		const limit = 64;
		const { baseline, store } = await checkout({ ...options(copy.path), maxFileBytes: limit });
		const large = [...want.files].filter(([, f]) => f.data.length > limit);
		expect(large.length).toBeGreaterThan(0);
		expect(baseline.tree).toBe(want.tree);
		expect(baseline.skipped).toEqual(
			large.map(([path, f]) => ({ path, reason: 'too-large', size: f.data.length, oid: f.oid }))
		);
		const small = new Map([...want.files].filter(([, f]) => f.data.length <= limit));
		expect(filesByPath(await baselineFiles(store, baseline))).toEqual(small);
	});
});

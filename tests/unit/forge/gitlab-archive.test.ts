// GitLab checkout through the repository archive (`repository/archive.tar.gz?sha=`, made by the
// peer with the real `git archive`), against the same checkout through tree + raw blobs and
// against `git` itself: modes, symlinks, binary files, long and non-ASCII paths, subgroups. What
// the archive lacks (export-ignore) or alters (export-subst) is fetched raw; a damaged, refused
// or foreign archive falls back to raw; a raw blob that does not hash to its id still fails.
import 'fake-indexeddb/auto';
import LightningFS from '@isomorphic-git/lightning-fs';
import type { PromiseFsClient } from 'isomorphic-git';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credentials } from '../../../src/lib/core/credentials/index.ts';
import { createRestClient } from '../../../src/lib/core/forge/rest-client.ts';
import { projectApi } from '../../../src/lib/core/forge/gitlab/project-api.ts';
import {
	snapshotFromGitLab,
	type GitLabFilesWay
} from '../../../src/lib/core/forge/gitlab/snapshot.ts';
import { DEFAULT_MAX_FILE_BYTES } from '../../../src/lib/core/git/baseline.ts';
import { baselineFiles, openObjectStore } from '../../../src/lib/core/git/index.ts';
import type { ArchiveDamage } from '../../servers/gitlab/archive-damage.ts';
import { buildBareRepo } from '../../fixtures/bare-repo.ts';
import { filesByPath, gitSays } from './git-says.ts';
import { storeSays } from './store-says.ts';
import { startForgePeers, TOKEN, type ForgePeers } from './peers.ts';

let peers: ForgePeers;
beforeAll(async () => {
	peers = await startForgePeers();
});
afterAll(() => peers.stop());

let stores = 0;
/** Set in Settings beside the GitLab host's token: it must never reach the GitLab host. */
const GITHUB_TOKEN = 'ghp_not-for-gitlab';
type Run = { way?: GitLabFilesWay; fs?: PromiseFsClient; fetch?: typeof fetch; branch?: string };

async function snapshot(path: string, run: Run = {}) {
	const host = new URL(peers.gitlab.url).host;
	const credentials: Credentials = {
		github: { apiBase: 'https://api.github.com', token: GITHUB_TOKEN },
		gitHosts: [{ host, username: '', token: TOKEN, proxyMayCarry: false, kind: 'gitlab' }]
	};
	const fs = run.fs ?? (new LightningFS(`gl-arch-${++stores}`, { wipe: true }) as never);
	const store = await openObjectStore(fs, '/repos/gitlab.git');
	const client = createRestClient({
		apiBase: `${peers.gitlab.url}/api/v4`,
		credentials,
		scheme: 'Bearer',
		fetch: run.fetch
	});
	const context = { api: projectApi(client, path), project: path, credentials, fetch: run.fetch };
	const result = await snapshotFromGitLab(
		{ ...context, way: run.way },
		{ branch: run.branch ?? 'main', store, maxFileBytes: DEFAULT_MAX_FILE_BYTES }
	);
	return { ...result, store, fs, files: filesByPath(await baselineFiles(store, result.baseline)) };
}

const api = () => peers.gitlab.requests.filter((r) => r.path.startsWith('/api/v4/'));
const archives = () => api().filter((r) => r.path.includes('/repository/archive'));
const raws = () =>
	api().flatMap((r) => /\/repository\/blobs\/([0-9a-f]{40})\/raw$/.exec(r.path)?.[1] ?? []);
const oids = (files: ReturnType<typeof gitSays>['files'], paths?: string[]) =>
	[
		...new Set([...files].filter(([p]) => !paths || paths.includes(p)).map(([, f]) => f.oid))
	].sort();

/** A repository of `count` files in 7 folders, under `owner/many-<count>`. */
async function many(owner: string, count: number, extra: Record<string, string> = {}) {
	const files: Record<string, string> = { ...extra };
	for (let i = 0; i < count; i++) files[`src/part-${i % 7}/file-${i}.txt`] = `${owner} ${i}\n`;
	const gitDir = await buildBareRepo(peers.root, owner, `many-${count}`, files);
	return { path: `${owner}/many-${count}`, gitDir, want: gitSays(gitDir) };
}

describe('GitLab archive checkout', () => {
	for (const fixture of ['exec-and-symlink', 'binary-file', 'empty-ish', 'ts-failing-test']) {
		it(`gives ${fixture} as tree + raw does and as git has it, in one archive`, async () => {
			const copy = await peers.fresh(fixture, 'arch/sub/deeper');
			const want = gitSays(copy.gitDir);
			peers.gitlab.requests.length = 0;
			const raw = await snapshot(copy.path, { way: 'raw' });
			expect(archives()).toEqual([]);
			peers.gitlab.requests.length = 0;
			const archived = await snapshot(copy.path, { way: 'archive' });
			expect(archives().map((r) => r.status)).toEqual([200]);
			expect(raws()).toEqual([]);
			expect(archived.baseline).toEqual(raw.baseline);
			expect(archived.files).toEqual(raw.files);
			expect(archived.files).toEqual(want.files);
			expect({ commit: archived.baseline.commit, tree: archived.baseline.tree }).toEqual({
				commit: want.commit,
				tree: want.tree
			});
			expect(archived.stats).toMatchObject({ fromCache: false, filesFetched: want.files.size });

			// Warm: the commit's baseline and blobs are held; only the branch is asked for.
			peers.gitlab.requests.length = 0;
			const warm = await snapshot(copy.path, { way: 'archive', fs: archived.fs });
			expect(warm.stats).toMatchObject({ fromCache: true, filesFetched: 0 });
			expect(warm.baseline).toEqual(archived.baseline);
			expect(api().map((r) => r.path)).toEqual([
				`/api/v4/projects/${encodeURIComponent(copy.path)}/repository/branches/main`
			]);
		});
	}

	it('sends the GitLab host its own token on every request, archive and raw alike, and never GitHub’s', async () => {
		const copy = await peers.fresh('exec-and-symlink', 'arch/tokens');
		peers.gitlab.requests.length = 0;
		await snapshot(copy.path, { way: 'archive' });
		await snapshot(copy.path, { way: 'raw' });
		const seen = api();
		expect(seen.some((r) => r.path.includes('/repository/archive'))).toBe(true);
		expect(seen.some((r) => /\/repository\/blobs\/[0-9a-f]{40}\/raw$/.test(r.path))).toBe(true);
		expect(new Set(seen.map((r) => r.authorization))).toEqual(new Set([`Bearer ${TOKEN}`]));
	});

	it('leaves a store git itself checks whole (fsck) and reads back as the files', async () => {
		// Enough files for several packs' worth of archive blobs held while the tree is listed.
		const { path, want } = await many('arch/fsck', 300, { 'bin/x': '\u0000\u0001\u00ff' });
		const archived = await snapshot(path, { way: 'archive' });
		const said = await storeSays(archived.fs as never, '/repos/gitlab.git', archived.baseline.tree);
		expect(said.fsck).toBe('');
		expect(said.files).toEqual(want.files);
		expect(archived.files).toEqual(want.files);
	});

	it('reads long paths (pax headers), non-ASCII names and far symlinks from the archive', async () => {
		const long = `deep/${'a-rather-long-folder-name/'.repeat(6)}file.txt`;
		const gitDir = await buildBareRepo(peers.root, 'arch/paths', 'names', {
			[long]: 'long\n',
			'naïve/ünïcode.txt': 'ü\n',
			[`links/${'far/'.repeat(30)}x`]: { symlink: `../${'t/'.repeat(60)}target` },
			'tools/go': { content: '#!/bin/sh\n', executable: true }
		});
		peers.gitlab.requests.length = 0;
		const { files } = await snapshot('arch/paths/names', { way: 'archive' });
		expect(files).toEqual(gitSays(gitDir).files);
		expect(raws()).toEqual([]);
	});

	it('fetches raw what the archive leaves out (export-ignore) or alters (export-subst)', async () => {
		const { path, want } = await many('arch/attrs', 20, {
			'.gitattributes': 'secret.txt export-ignore\nversion.txt export-subst\n',
			'secret.txt': 'not in the archive\n',
			'version.txt': 'commit $Format:%H$\n'
		});
		peers.gitlab.requests.length = 0;
		const { files } = await snapshot(path, { way: 'archive' });
		expect(files).toEqual(want.files);
		expect(archives().length).toBe(1);
		expect(raws().sort()).toEqual(oids(want.files, ['secret.txt', 'version.txt']));
	});

	it('takes the archive by itself for many files the store lacks, and raw for a few', async () => {
		const big = await many('arch/auto', 230);
		peers.gitlab.requests.length = 0;
		const first = await snapshot(big.path);
		expect(first.files).toEqual(big.want.files);
		expect(archives().length).toBe(1);
		expect(raws()).toEqual([]);

		const small = await peers.fresh('exec-and-symlink', 'arch/auto-small');
		peers.gitlab.requests.length = 0;
		const few = await snapshot(small.path);
		expect(few.files).toEqual(gitSays(small.gitDir).files);
		expect(archives()).toEqual([]);
		expect(raws().sort()).toEqual(oids(gitSays(small.gitDir).files));

		// A later commit of the big one, into the same store: its 30 new blobs are lacking, more
		// than two rounds of raw requests but far from half the tree: raw, not the whole archive.
		const changed: Record<string, string> = { 'new.txt': 'new\n' };
		for (let i = 0; i < 29; i++) changed[`src/part-${i % 7}/file-${i}.txt`] = `changed ${i}\n`;
		const files: Record<string, string> = {};
		for (let i = 0; i < 230; i++) files[`src/part-${i % 7}/file-${i}.txt`] = `arch/auto ${i}\n`;
		const gitDir = await buildBareRepo(peers.root, 'arch/auto', 'many-230', files, {
			commits: [{ message: 'thirty', branch: 'next', files: changed }]
		});
		peers.gitlab.requests.length = 0;
		const next = await snapshot(big.path, { fs: first.fs, branch: 'next' });
		const wantNext = gitSays(gitDir, 'next');
		expect(next.files).toEqual(wantNext.files);
		expect(archives()).toEqual([]);
		expect(raws().sort()).toEqual(oids(wantNext.files, Object.keys(changed)));
	});

	const damages: ArchiveDamage[] = ['truncate', 'corrupt-gzip', 'bad-tar-header'];
	for (const damage of damages) {
		it(`falls back to raw blobs for what a damaged archive (${damage}) did not give`, async () => {
			const { path, want } = await many(`arch/damage-${damage}`, 40);
			peers.gitlab.damageArchives(damage);
			peers.gitlab.requests.length = 0;
			const { files, baseline } = await snapshot(path, { way: 'archive' });
			expect(files).toEqual(want.files);
			expect(baseline.tree).toBe(want.tree);
			expect(archives().length).toBe(1);
			expect(raws().length).toBeGreaterThan(0);
			// The files before the damage were read from the archive (and verified).
			if (damage === 'bad-tar-header') expect(raws().length).toBeLessThan(want.files.size);
		});
	}

	it('falls back to raw blobs when the archive is refused or is not gzip', async () => {
		const { path, want } = await many('arch/refused', 30);
		for (const fault of [
			{ status: 429, body: { message: 'Retry later' } },
			{ status: 200, body: { message: 'not an archive' } }
		]) {
			peers.gitlab.faults.failNext({ pathPattern: '/repository/archive', ...fault });
			peers.gitlab.requests.length = 0;
			const { files } = await snapshot(path, { way: 'archive' });
			expect(files).toEqual(want.files);
			expect(raws().sort()).toEqual(oids(want.files));
		}
	});

	it("refuses an archive of another commit (git's global header), every file then raw", async () => {
		const files: Record<string, string> = {};
		for (let i = 0; i < 30; i++) files[`f/${i}.txt`] = `${i}\n`;
		const gitDir = await buildBareRepo(peers.root, 'arch/other', 'repo', files, {
			commits: [{ message: 'one more', files: { 'f/0.txt': 'zero\n' } }]
		});
		const want = gitSays(gitDir);
		const parent = gitSays(gitDir, 'main~1').commit;
		// Something between here and GitLab answers with the parent's archive: 29 of its 30
		// files are the same blobs, but the archive is not the commit's and none is taken.
		const swap: typeof fetch = (input, init) =>
			fetch(
				String(input).replace(`archive.tar.gz?sha=${want.commit}`, `archive.tar.gz?sha=${parent}`),
				init
			);
		peers.gitlab.requests.length = 0;
		const result = await snapshot('arch/other/repo', { way: 'archive', fetch: swap });
		expect(result.files).toEqual(want.files);
		expect(raws().sort()).toEqual(oids(want.files));
	});

	it('still fails, saving nothing, when a raw blob does not hash to its id', async () => {
		const { path, want } = await many('arch/tamper', 30);
		peers.gitlab.damageArchives('truncate');
		peers.gitlab.faults.failNext({
			pathPattern: '/repository/blobs/[0-9a-f]{40}/raw$',
			status: 200,
			body: 'not the bytes of this blob'
		});
		const fs = new LightningFS(`gl-arch-tamper`, { wipe: true }) as never;
		await expect(snapshot(path, { way: 'archive', fs })).rejects.toMatchObject({
			code: 'snapshot-mismatch'
		});
		const retry = await snapshot(path, { way: 'archive', fs });
		expect(retry.stats.fromCache).toBe(false);
		expect(retry.files).toEqual(want.files);
	});

	it('stops when cancelled while the archive downloads', async () => {
		const { path } = await many('arch/cancel', 30);
		peers.gitlab.faults.failNext({ pathPattern: '/repository/archive', delayMs: 1500 });
		const controller = new AbortController();
		const host = new URL(peers.gitlab.url).host;
		const credentials: Credentials = {
			github: { apiBase: 'https://api.github.com', token: '' },
			gitHosts: [{ host, username: '', token: TOKEN, proxyMayCarry: false, kind: 'gitlab' }]
		};
		const client = createRestClient({
			apiBase: `${peers.gitlab.url}/api/v4`,
			credentials,
			scheme: 'Bearer'
		});
		const fs = new LightningFS(`gl-arch-cancel`, { wipe: true }) as never;
		const store = await openObjectStore(fs, '/repos/gitlab.git');
		peers.gitlab.requests.length = 0;
		setTimeout(() => controller.abort(), 300);
		await expect(
			snapshotFromGitLab(
				{
					api: projectApi(client, path, controller.signal),
					project: path,
					credentials,
					way: 'archive'
				},
				{ branch: 'main', store, maxFileBytes: DEFAULT_MAX_FILE_BYTES, signal: controller.signal }
			)
		).rejects.toMatchObject({ aborted: true });
		expect(raws()).toEqual([]);
	});
});

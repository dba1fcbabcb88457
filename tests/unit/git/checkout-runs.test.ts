// One checkout per paste: the proposal reads only the listing and the files the proposer
// declares; the full checkout a paste starts is joined by the next request for it, not repeated.
import 'fake-indexeddb/auto';
import LightningFS from '@isomorphic-git/lightning-fs';
import { execFileSync } from 'node:child_process';
import type { PromiseFsClient } from 'isomorphic-git';
import http from 'isomorphic-git/http/web';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
	baselineFiles,
	createCheckoutRuns,
	gitdirFor,
	parseRepoInput,
	type CheckoutProgress,
	type RepoRef
} from '../../../src/lib/core/git/index.ts';
import { checkout, listWithFiles, type CheckoutResult } from '../../../src/lib/core/forge/index.ts';
import { noCredentials } from '../../../src/lib/core/credentials/index.ts';
import { DEFAULT_MAX_FILE_BYTES } from '../../../src/lib/core/git/baseline.ts';
import { createGitHubReader } from '../../../src/lib/core/forge/github/reader.ts';
import { openObjectStore } from '../../../src/lib/core/git/object-store.ts';
import { snapshotFromGitHub } from '../../../src/lib/core/forge/github/snapshot.ts';
import { proposerReads } from '../../../src/lib/core/start/index.ts';
import { startPeers, type Peers } from './peers.ts';

let peers: Peers;
let fs: PromiseFsClient;
let counter = 0;

beforeAll(async () => {
	peers = await startPeers();
});
afterAll(() => peers.stop());
beforeEach(() => {
	fs = new LightningFS(`patchbay-runs-test-${++counter}`, { wipe: true }) as never;
	peers.github.requests.length = 0;
});

const github = (name: string): RepoRef => parseRepoInput(`acme/${name}`, peers.github.url).ref;
const gitCat = (name: string, path: string) =>
	execFileSync('git', ['--git-dir', peers.repos[name]!, 'cat-file', 'blob', `main:${path}`]);
const rawPaths = (name: string) =>
	peers.github.requests
		.filter((r) => r.path.startsWith(`/raw/acme/${name}/`))
		.map((r) => r.path.replace(/^\/raw\/acme\/[^/]+\/[0-9a-f]{40}\//, ''));
const options = (ref: RepoRef) => ({
	ref,
	branch: 'main',
	fs,
	http,
	credentials: noCredentials,
	corsProxy: ''
});

describe('listWithFiles (the setup proposal)', () => {
	it('lists the tree and fetches only the files asked for, each checked against the listing', async () => {
		const listed = await listWithFiles({
			...options(github('ts-failing-test')),
			paths: proposerReads
		});
		const whole = await checkout(options(github('ts-failing-test')));
		expect(listed.checkedOut).toBe(false);
		expect(listed.baseline).toEqual(whole.baseline);
		const wanted = proposerReads(whole.baseline.entries.map((e) => e.path));
		expect(wanted).toContain('package.json');
		expect([...listed.files.keys()]).toEqual(wanted);
		for (const [path, bytes] of listed.files)
			expect(Buffer.from(bytes).equals(gitCat('ts-failing-test', path))).toBe(true);
		// The proposal's reads, then the checkout's: every file once, the declared ones twice.
		const raw = rawPaths('ts-failing-test');
		expect(raw.slice(0, wanted.length).sort()).toEqual([...wanted].sort());
		expect(raw.length).toBe(whole.baseline.entries.length + wanted.length);
	});
});

describe('checkout runs', () => {
	it('a checkout for the same repo and branch while one runs joins it: one fetch, one baseline, the listing told to the late joiner', async () => {
		const runs = createCheckoutRuns<CheckoutResult>();
		let works = 0;
		const work = (report: (progress: CheckoutProgress) => void) => {
			works++;
			return checkout({
				...options(github('exec-and-symlink')),
				onProgress: report,
				onListed: (baseline) =>
					report({
						phase: 'listing',
						loaded: 0,
						total: 0,
						bytes: 0,
						listed: { baseline, files: [] }
					})
			});
		};
		const first = runs.run('exec-and-symlink', work);
		expect(first.joined).toBe(false);
		const listedSeen = new Promise<void>((resolve) =>
			first.run.watch((progress) => progress.listed && resolve())
		);
		await listedSeen;
		const second = runs.run('exec-and-symlink', work);
		expect(second.joined).toBe(true);
		expect(second.run).toBe(first.run);
		const heard: CheckoutProgress[] = [];
		second.run.watch((progress) => heard.push(progress));
		expect(heard[0]?.listed?.baseline.entries.length).toBeGreaterThan(0);

		const [a, b] = await Promise.all([first.run.wait(), second.run.wait()]);
		expect(works).toBe(1);
		expect(a.value).toBe(b.value);
		expect([a.last, b.last]).toEqual([false, true]);
		expect(heard.at(-1)?.phase).toBe('done');
		const entries = a.value.baseline.entries;
		expect(heard[0]?.listed?.baseline).toEqual(a.value.baseline);
		expect(rawPaths('exec-and-symlink').sort()).toEqual(entries.map((e) => e.path).sort());

		// Over: the next request starts its own run, which finds everything in the store.
		expect(runs.has('exec-and-symlink')).toBe(false);
		const third = runs.run('exec-and-symlink', work);
		expect(third.joined).toBe(false);
		expect((await third.run.wait()).value.stats.fromCache).toBe(true);
		expect(works).toBe(2);
	});

	it('a failed run fails every waiter with its error, and is not joined afterwards', async () => {
		const runs = createCheckoutRuns<CheckoutResult>();
		const work = () =>
			checkout({ ...options(github('exec-and-symlink')), branch: 'no-such-branch' });
		const first = runs.run('k', work);
		const second = runs.run('k', work);
		expect(second.joined).toBe(true);
		const errors = await Promise.all(
			[first, second].map((r) =>
				r.run.wait().then(
					() => null,
					(e: { code?: string }) => e.code
				)
			)
		);
		expect(errors).toEqual(['branch-not-found', 'branch-not-found']);
		expect(runs.run('k', work).joined).toBe(false);
	});
});

describe('the REST checkout for an attempt', () => {
	it('fetches the files asked for first, and hands every verified file over as it arrives', async () => {
		const ref = github('ts-failing-test');
		if (ref.kind !== 'github') throw new Error('a GitHub ref');
		const seen = new Map<string, Uint8Array>();
		const listed: string[] = [];
		const result = await snapshotFromGitHub({
			ref,
			branch: 'main',
			store: await openObjectStore(fs, gitdirFor(ref)),
			reader: createGitHubReader({ apiBase: ref.apiBase, credentials: noCredentials }),
			maxFileBytes: DEFAULT_MAX_FILE_BYTES,
			concurrency: 1,
			onListed: (baseline) => listed.push(...baseline.entries.map((e) => e.path)),
			first: (paths) => paths.filter((path) => path === 'package.json'),
			onFile: (entry, bytes) => seen.set(entry.path, bytes)
		});
		expect(listed).toEqual(result.baseline.entries.map((e) => e.path));
		expect(rawPaths('ts-failing-test')[0]).toBe('package.json');
		const store = await openObjectStore(fs, gitdirFor(ref));
		const files = await baselineFiles(store, result.baseline);
		expect([...seen.keys()].sort()).toEqual(files.map((f) => f.path).sort());
		for (const file of files) expect(seen.get(file.path)).toEqual(file.data);
	});
});

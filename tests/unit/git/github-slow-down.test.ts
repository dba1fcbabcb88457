// GitHub answers bursts with 429 or 403 and the wait it wants: the REST checkout waits, retries,
// keeps what it fetched, and says so in its progress. The GitHub peer injects the answers; the
// clock is a fake one, so the waits cost nothing and are compared whole.
import * as nodeFs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { noCredentials } from '../../../src/lib/core/credentials/index.ts';
import { DEFAULT_MAX_FILE_BYTES } from '../../../src/lib/core/git/baseline.ts';
import type { CheckoutProgress } from '../../../src/lib/core/git/baseline.ts';
import { createGitHubReader } from '../../../src/lib/core/forge/github/reader.ts';
import { parseRepoInput } from '../../../src/lib/core/git/index.ts';
import { openObjectStore } from '../../../src/lib/core/git/object-store.ts';
import { snapshotFromGitHub } from '../../../src/lib/core/forge/github/snapshot.ts';
import { AppError } from '../../../src/lib/core/http/index.ts';
import type { FaultSpec } from '../../servers/github.ts';
import { startPeers, type Peers } from './peers.ts';

let peers: Peers;
let dir = '';
beforeAll(async () => {
	peers = await startPeers();
	dir = mkdtempSync(join(tmpdir(), 'patchbay-slow-down-'));
});
afterAll(async () => {
	await peers.stop();
	rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
	peers.github.faults.clear();
	peers.github.requests.length = 0;
});

let stores = 0;

/** One checkout of acme/ts-failing-test into a fresh store, one request at a time, on a fake clock. */
async function checkout(...faults: FaultSpec[]) {
	peers.github.requests.length = 0;
	for (const fault of faults) peers.github.faults.failNext(fault);
	let now = Date.now();
	const waits: number[] = [];
	const clock = {
		now: () => now,
		sleep: async (ms: number) => {
			waits.push(ms);
			now += ms;
		}
	};
	const ref = parseRepoInput('acme/ts-failing-test', peers.github.url).ref;
	if (ref.kind !== 'github') throw new Error('a GitHub ref');
	const progress: string[] = [];
	const onProgress = (p: CheckoutProgress) => {
		if (p.message?.startsWith('GitHub asked')) progress.push(p.message);
	};
	const options = {
		ref,
		branch: 'main',
		store: await openObjectStore(nodeFs, join(dir, `store-${++stores}.git`)),
		reader: createGitHubReader({ apiBase: ref.apiBase, credentials: noCredentials, clock }),
		maxFileBytes: DEFAULT_MAX_FILE_BYTES,
		concurrency: 1,
		onProgress
	};
	const result = await snapshotFromGitHub(options).catch((error: unknown) => error);
	const requests = peers.github.requests.map((r) => `${r.status} ${r.path.split('?')[0]}`);
	return { result, waits, progress, requests };
}

const SUM_RAW = '^/raw/acme/ts-failing-test/[0-9a-f]{40}/src/sum\\.js$';

describe('GitHub asks the REST checkout to slow down', () => {
	it('raw content: 429 with Retry-After is waited out and retried; the progress says so and keeps its count', async () => {
		const clean = await checkout();
		const slowed = await checkout({
			pathPattern: SUM_RAW,
			status: 429,
			headers: { 'retry-after': '3' },
			times: 2
		});
		expect(slowed.result).toEqual(clean.result);
		expect(slowed.waits).toEqual([3000, 3000]);
		// src/sum.js is the sixth of seven files: five were fetched before GitHub said so.
		expect(slowed.progress).toEqual([
			'GitHub asked to slow down; retrying in 3 s — 5 of 7 files',
			'GitHub asked to slow down; retrying in 3 s — 5 of 7 files'
		]);
		const sum = slowed.requests.filter((r) => r.endsWith('/src/sum.js'));
		expect(sum.map((r) => r.split(' ')[0])).toEqual(['429', '429', '200']);
		// Retried in place: nothing went to the blobs API, and no file was fetched twice.
		expect(slowed.requests.filter((r) => r.includes('/git/blobs/'))).toEqual([]);
		expect(slowed.requests.filter((r) => r.startsWith('200 /raw/'))).toHaveLength(7);
	});

	it('raw content: a 429 that names no wait backs off 1, 2, 4 s', async () => {
		const slowed = await checkout({ pathPattern: SUM_RAW, status: 429, times: 3 });
		expect(slowed.waits).toEqual([1000, 2000, 4000]);
		expect(slowed.progress).toEqual([
			'GitHub asked to slow down; retrying in 1 s — 5 of 7 files',
			'GitHub asked to slow down; retrying in 2 s — 5 of 7 files',
			'GitHub asked to slow down; retrying in 4 s — 5 of 7 files'
		]);
		expect((slowed.result as { stats: { filesFetched: number } }).stats.filesFetched).toBe(7);
	});

	it('the API: 403 with x-ratelimit-remaining 0 and a reset in seconds is waited out until the reset', async () => {
		const reset = Math.floor(Date.now() / 1000) + 2;
		const slowed = await checkout({
			pathPattern: '/git/trees/',
			status: 403,
			headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
			body: { message: 'API rate limit exceeded' }
		});
		expect(slowed.waits).toHaveLength(1);
		// Until the reset, plus a second of slack (the reset is given in whole seconds).
		expect(slowed.waits[0]).toBeGreaterThan(2000);
		expect(slowed.waits[0]).toBeLessThanOrEqual(3000);
		expect(slowed.progress).toEqual(['GitHub asked to slow down; retrying in 3 s']);
		expect(slowed.result).toMatchObject({ stats: { filesFetched: 7 } });
	});

	it('a primary limit used up for an hour is not waited out: it fails, saying so', async () => {
		const reset = Math.floor(Date.now() / 1000) + 3600;
		const slowed = await checkout({
			pathPattern: '/branches/main',
			status: 403,
			headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
			body: { message: 'API rate limit exceeded' }
		});
		expect(slowed.waits).toEqual([]);
		expect(slowed.progress).toEqual([]);
		expect(slowed.result).toBeInstanceOf(AppError);
		expect((slowed.result as AppError).code).toBe('rate-limited');
	});

	it('a wait ends when the checkout is cancelled', async () => {
		peers.github.faults.failNext({
			pathPattern: '/git/trees/',
			status: 429,
			headers: { 'retry-after': '30' }
		});
		const controller = new AbortController();
		const reader = createGitHubReader({
			apiBase: peers.github.url,
			credentials: noCredentials,
			signal: controller.signal
		});
		const waits: number[] = [];
		reader.onSlowDown((waitMs) => {
			waits.push(waitMs);
			controller.abort(new Error('cancelled by the person'));
		});
		const error = await reader
			.json('/repos/acme/ts-failing-test/git/trees/main')
			.catch((e: unknown) => e);
		expect([waits, (error as Error).message]).toEqual([[30_000], 'cancelled by the person']);
	});

	it('a 403 that is no rate limit is not retried', async () => {
		const slowed = await checkout({ pathPattern: '/git/trees/', status: 403 });
		expect(slowed.waits).toEqual([]);
		expect(slowed.requests.filter((r) => r.includes('/git/trees/'))).toHaveLength(1);
		expect(slowed.result).toBeInstanceOf(Error);
		expect((slowed.result as Error).message).toBe('403 Forbidden');
	});
});

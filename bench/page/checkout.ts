// Checkout (GitHub's REST snapshot, smart HTTP, GitLab's API) and sandbox-ready, with the app's
// own core modules and lightning-fs.
import LightningFS from '@isomorphic-git/lightning-fs';
import type { PromiseFsClient } from 'isomorphic-git';
import http from 'isomorphic-git/http/web';
import {
	checkout,
	type CheckoutOptions,
	type CheckoutResult
} from '../../src/lib/core/forge/index.ts';
import { baselineFiles, gitdirFor, parseRepoInput } from '../../src/lib/core/git/index.ts';
import { DEFAULT_MAX_FILE_BYTES } from '../../src/lib/core/git/baseline.ts';
import { createGitHubReader } from '../../src/lib/core/forge/github/reader.ts';
import { openObjectStore } from '../../src/lib/core/git/object-store.ts';
import { snapshotFromGitHub } from '../../src/lib/core/forge/github/snapshot.ts';
import { noCredentials } from '../../src/lib/core/credentials/index.ts';
import { createLiteSandbox, type Sandbox } from '../../src/lib/core/sandbox/index.ts';
import { createRestClient } from '../../src/lib/core/forge/rest-client.ts';
import { projectApi } from '../../src/lib/core/forge/gitlab/project-api.ts';
import {
	snapshotFromGitLab,
	type GitLabFilesWay
} from '../../src/lib/core/forge/gitlab/snapshot.ts';
import type { Credentials } from '../../src/lib/core/credentials/index.ts';

export type CheckoutSpec = {
	path: 'rest' | 'smart' | 'gitlab';
	repo: string;
	gitUrl: string;
	apiBase: string;
	/** GitLab only: the host (`https://127.0.0.1:port`), and one way for its files, else the app's. */
	gitlabUrl?: string;
	gitlabWay?: GitLabFilesWay;
	/** A fresh (wiped) object store, or the one the previous checkout filled. */
	cold: boolean;
	/** REST only: raw content requests in flight, instead of the app's RAW_REQUESTS_IN_FLIGHT. */
	inFlight?: number;
	/** REST only: signed in with this token, so text files come through GraphQL batches. */
	token?: string;
};

let fs: PromiseFsClient | undefined;
let last: CheckoutResult | undefined;
/** What a "memory after checkout" figure holds on to: the files and the sandbox made of them. */
let kept: { sandbox: Sandbox; files: unknown } | undefined;

let stores = 0;

/** A cold run gets a store of its own (a new name: lightning-fs locks a name to one instance). */
function objectFs(cold: boolean): PromiseFsClient {
	if (cold || !fs) fs = new LightningFS(`bench-git-${stores++}`) as unknown as PromiseFsClient;
	return fs;
}

export async function timeCheckout(spec: CheckoutSpec) {
	const input =
		spec.path === 'rest'
			? `acme/${spec.repo}`
			: spec.path === 'gitlab'
				? `${spec.gitlabUrl}/acme/${spec.repo}`
				: `${spec.gitUrl}/acme/${spec.repo}.git`;
	const { ref } = parseRepoInput(input, spec.apiBase);
	const options = {
		ref,
		branch: 'main',
		fs: objectFs(spec.cold),
		http,
		credentials: spec.token
			? { github: { token: spec.token, apiBase: spec.apiBase }, gitHosts: [] }
			: spec.path === 'gitlab'
				? gitLabHost(spec.gitlabUrl!)
				: noCredentials,
		corsProxy: ''
	};
	const started = performance.now();
	last = spec.inFlight
		? await restWith(options, spec.inFlight)
		: spec.gitlabWay
			? await gitLabWay(options, spec.gitlabWay)
			: await checkout(options);
	const ms = performance.now() - started;
	const { stats } = last;
	return {
		ms,
		files: last.baseline.entries.length,
		fromCache: stats.fromCache,
		requests: stats.requests,
		bytes: stats.bytesFetched
	};
}

/** What `checkout` does for a GitHub repository, with another number of requests in flight. */
async function restWith(options: CheckoutOptions, concurrency: number): Promise<CheckoutResult> {
	if (options.ref.kind !== 'github') throw new Error('in flight: REST only');
	const store = await openObjectStore(options.fs, gitdirFor(options.ref));
	const result = await snapshotFromGitHub({
		ref: options.ref,
		branch: options.branch,
		store,
		maxFileBytes: DEFAULT_MAX_FILE_BYTES,
		reader: createGitHubReader({ apiBase: options.ref.apiBase, credentials: options.credentials }),
		concurrency
	});
	return { ...result, store };
}

/** Settings naming the stand-in's host a GitLab (no token: the bench's projects are public). */
function gitLabHost(url: string): Credentials {
	const host = new URL(url).host;
	return {
		...noCredentials,
		gitHosts: [{ host, username: '', token: '', proxyMayCarry: false, kind: 'gitlab' }]
	};
}

/** What `checkout` does for a GitLab project, its files fetched one way only. */
async function gitLabWay(options: CheckoutOptions, way: GitLabFilesWay): Promise<CheckoutResult> {
	if (options.ref.kind !== 'git') throw new Error('GitLab: a URL');
	const url = new URL(options.ref.url);
	const project = url.pathname.slice(1);
	const store = await openObjectStore(options.fs, gitdirFor(options.ref));
	const client = createRestClient({
		apiBase: `${url.origin}/api/v4`,
		credentials: options.credentials,
		scheme: 'Bearer'
	});
	const result = await snapshotFromGitLab(
		{ api: projectApi(client, project), project, credentials: options.credentials, way },
		{ branch: options.branch, store, maxFileBytes: DEFAULT_MAX_FILE_BYTES }
	);
	return { ...result, store };
}

/** Baseline → files in a Lite sandbox: reading the blobs, then writing the tree. */
export async function timeSandboxReady() {
	if (!last) throw new Error('check out first');
	kept = undefined;
	const started = performance.now();
	const files = await baselineFiles(last.store, last.baseline);
	const read = performance.now();
	const sandbox = createLiteSandbox({ root: '/work/bench' });
	await sandbox.writeTree(files);
	const written = performance.now();
	kept = { sandbox, files };
	return { readMs: read - started, writeMs: written - read, ms: written - started };
}

/** The sandbox the last `timeSandboxReady` wrote. */
export function keptSandbox(): Sandbox {
	if (!kept) throw new Error('make a sandbox first');
	return kept.sandbox;
}

/**
 * Lets go of the checkout's object store (and isomorphic-git's pack cache in it) but keeps the
 * sandbox: what the app holds once a checkout is done — its git worker hands the files over and
 * keeps no store (ui/workers/checkout-in-worker.ts).
 */
export function releaseStore(): boolean {
	const held = last !== undefined;
	last = undefined;
	return held;
}

/** Lets go of the checkout and its sandbox; says whether a sandbox was held. */
export function dropCheckout(): boolean {
	const held = kept !== undefined;
	kept = undefined;
	last = undefined;
	fs = undefined;
	return held;
}

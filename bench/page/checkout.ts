// Checkout (both paths) and sandbox-ready, with the app's own core modules and lightning-fs.
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
import { createGitHubReader } from '../../src/lib/core/git/github-reader.ts';
import { openObjectStore } from '../../src/lib/core/git/object-store.ts';
import { snapshotFromGitHub } from '../../src/lib/core/git/snapshot-github.ts';
import { noCredentials } from '../../src/lib/core/credentials/index.ts';
import { createLiteSandbox, type Sandbox } from '../../src/lib/core/sandbox/index.ts';

export type CheckoutSpec = {
	path: 'rest' | 'smart';
	repo: string;
	gitUrl: string;
	apiBase: string;
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
	const input = spec.path === 'rest' ? `acme/${spec.repo}` : `${spec.gitUrl}/acme/${spec.repo}.git`;
	const { ref } = parseRepoInput(input, spec.apiBase);
	const options = {
		ref,
		branch: 'main',
		fs: objectFs(spec.cold),
		http,
		credentials: spec.token
			? { github: { token: spec.token, apiBase: spec.apiBase }, gitHosts: [] }
			: noCredentials,
		corsProxy: ''
	};
	const started = performance.now();
	last = spec.inFlight ? await restWith(options, spec.inFlight) : await checkout(options);
	const ms = performance.now() - started;
	const { stats } = last;
	return {
		ms,
		files: last.baseline.entries.length,
		fromCache: stats.fromCache,
		requests: stats.requests
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

/** Lets go of the checkout and its sandbox; says whether a sandbox was held. */
export function dropCheckout(): boolean {
	const held = kept !== undefined;
	kept = undefined;
	last = undefined;
	fs = undefined;
	return held;
}

// From a repository reference and a branch to a baseline in the local object store.
import type { HttpClient, PromiseFsClient } from 'isomorphic-git';
import type { Credentials } from '../credentials/index.ts';
import {
	DEFAULT_MAX_FILE_BYTES,
	type Baseline,
	type BlobMode,
	type CheckoutProgress,
	type CheckoutStats
} from './baseline.ts';
import { cloneOverSmartHttp } from './clone-smart-http.ts';
import { createGitHubReader } from './github-reader.ts';
import { openObjectStore, readBlob, type ObjectStore } from './object-store.ts';
import { inPool } from './pool.ts';
import type { RepoRef } from './repo-ref.ts';
import { snapshotFromGitHub } from './snapshot-github.ts';

export type CheckoutOptions = {
	ref: RepoRef;
	branch: string;
	fs: PromiseFsClient;
	http: HttpClient;
	/** Settings' credentials: each request gets only its own host's (see `credentialFor`). */
	credentials: Credentials;
	corsProxy: string;
	maxFileBytes?: number;
	fetch?: typeof fetch;
	signal?: AbortSignal;
	onProgress?: (progress: CheckoutProgress) => void;
};

export type CheckoutResult = { baseline: Baseline; stats: CheckoutStats; store: ObjectStore };

/** Where a repository's objects live in the local file system. */
export function gitdirFor(ref: RepoRef): string {
	const id =
		ref.kind === 'github'
			? `${new URL(ref.apiBase).host}/${ref.owner}/${ref.repo}`
			: ref.url.replace(/^https?:\/\//, '');
	return `/repos/${id.replace(/[^A-Za-z0-9._/-]/g, '_')}.git`;
}

export async function checkout(options: CheckoutOptions): Promise<CheckoutResult> {
	const store = await openObjectStore(options.fs, gitdirFor(options.ref));
	const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
	const result =
		options.ref.kind === 'github'
			? await snapshotFromGitHub({
					ref: options.ref,
					branch: options.branch,
					store,
					maxFileBytes,
					onProgress: options.onProgress,
					reader: createGitHubReader({
						apiBase: options.ref.apiBase,
						credentials: options.credentials,
						fetch: options.fetch,
						signal: options.signal
					})
				})
			: await cloneOverSmartHttp({
					url: options.ref.url,
					branch: options.branch,
					store,
					maxFileBytes,
					onProgress: options.onProgress,
					remote: {
						http: options.http,
						corsProxy: options.corsProxy,
						credentials: options.credentials
					}
				});
	return { ...result, store };
}

/** The baseline's files, read from the object store, ready for `Sandbox.writeTree`. */
export async function baselineFiles(store: ObjectStore, baseline: Baseline) {
	const files: TreeFile[] = new Array(baseline.entries.length);
	// Several reads in flight: each is a chain of small async file system steps, so they overlap.
	const indices = baseline.entries.map((_, i) => i);
	await inPool(indices, BLOB_READS_IN_FLIGHT, async (i) => {
		const entry = baseline.entries[i]!;
		const data = await readBlob(store, entry.oid);
		files[i] = { path: entry.path, mode: entry.mode, oid: entry.oid, data };
	});
	return files;
}

const BLOB_READS_IN_FLIGHT = 16;

type TreeFile = { path: string; mode: BlobMode; oid: string; data: Uint8Array };

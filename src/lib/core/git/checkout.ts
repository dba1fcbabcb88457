// From a repository reference and a branch to a baseline in the local object store.
import type { HttpClient, PromiseFsClient } from 'isomorphic-git';
import type { Credentials } from '../credentials/index.ts';
import { forgeFor, forgeRepoFor } from '../forge/forge-for.ts';
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
import type { SnapshotOptions } from './snapshot-github.ts';
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
} & Pick<SnapshotOptions, 'onListed' | 'first' | 'onFile'>;

export type CheckoutResult = { baseline: Baseline; stats: CheckoutStats; store: ObjectStore };

/** Where a repository's objects live in the local file system. */
export function gitdirFor(ref: RepoRef): string {
	const id =
		ref.kind === 'github'
			? `${new URL(ref.apiBase).host}/${ref.owner}/${ref.repo}`
			: ref.url.replace(/^https?:\/\//, '');
	return `/repos/${id.replace(/[^A-Za-z0-9._/-]/g, '_')}.git`;
}

/**
 * Which way the branch is checked out is the forge's to say (core/forge's one choice, from the
 * URL and Settings' git hosts): GitHub's REST snapshot, a forge's own API snapshot (GitLab), or
 * smart HTTP (plain git, Gitea) when the forge has none.
 */
export async function checkout(options: CheckoutOptions): Promise<CheckoutResult> {
	const store = await openObjectStore(options.fs, gitdirFor(options.ref));
	const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
	const repo = forgeRepoFor(options.ref, options.credentials.gitHosts);
	const forge =
		repo.kind === 'github'
			? null
			: forgeFor(repo, { credentials: options.credentials, fetch: options.fetch });
	if (forge?.snapshot) {
		const result = await forge.snapshot({
			branch: options.branch,
			store,
			maxFileBytes,
			signal: options.signal,
			onProgress: options.onProgress,
			first: options.first,
			onFile: options.onFile
		});
		return { ...result, store };
	}
	const result =
		options.ref.kind === 'github'
			? await snapshotFromGitHub({
					ref: options.ref,
					branch: options.branch,
					store,
					maxFileBytes,
					onProgress: options.onProgress,
					onListed: options.onListed,
					first: options.first,
					onFile: options.onFile,
					reader: readerFor(options)
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

export function readerFor(options: CheckoutOptions) {
	return createGitHubReader({
		apiBase: options.ref.kind === 'github' ? options.ref.apiBase : '',
		credentials: options.credentials,
		fetch: options.fetch,
		signal: options.signal
	});
}

/**
 * The baseline's files, ready for `Sandbox.writeTree`: those in `known` (blob id → bytes, kept
 * as the checkout fetched them) as they are, the rest read from the object store.
 */
export async function baselineFiles(
	store: ObjectStore,
	baseline: Baseline,
	known: ReadonlyMap<string, Uint8Array> = new Map()
) {
	const files: TreeFile[] = new Array(baseline.entries.length);
	const toRead: number[] = [];
	baseline.entries.forEach((entry, i) => {
		const data = known.get(entry.oid);
		if (data) files[i] = { path: entry.path, mode: entry.mode, oid: entry.oid, data };
		else toRead.push(i);
	});
	// Several reads in flight: each is a chain of small async file system steps, so they overlap.
	await inPool(toRead, BLOB_READS_IN_FLIGHT, async (i) => {
		const entry = baseline.entries[i]!;
		const data = await readBlob(store, entry.oid);
		files[i] = { path: entry.path, mode: entry.mode, oid: entry.oid, data };
	});
	return files;
}

const BLOB_READS_IN_FLIGHT = 16;

type TreeFile = { path: string; mode: BlobMode; oid: string; data: Uint8Array };

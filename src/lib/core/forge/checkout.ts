// From a repository reference and a branch to a baseline in the local object store, the way
// the forge that serves the repository checks out (forge-for.ts decides which, from the URL and
// Settings' git hosts): GitHub's REST snapshot, GitLab's API snapshot, smart HTTP for plain git
// and Gitea. core/git keeps the objects; which way is asked here, of the forge, and nowhere else.
import type { HttpClient, PromiseFsClient } from 'isomorphic-git';
import type { Credentials } from '../credentials/index.ts';
import {
	DEFAULT_MAX_FILE_BYTES,
	type Baseline,
	type CheckoutProgress,
	type CheckoutStats
} from '../git/baseline.ts';
import { gitdirFor } from '../git/checkout.ts';
import { openObjectStore, readBlob, type ObjectStore } from '../git/object-store.ts';
import type { RepoRef } from '../git/repo-ref.ts';
import { AppError } from '../http/index.ts';
import { forgeFor, forgeRepoFor } from './forge-for.ts';
import { readPaths } from './read-paths.ts';
import type { Forge, ForgeSnapshotOptions } from './types.ts';

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
} & Pick<ForgeSnapshotOptions, 'onListed' | 'first' | 'onFile'>;

export type CheckoutResult = { baseline: Baseline; stats: CheckoutStats; store: ObjectStore };

/** The forge that checks `ref` out, with smart HTTP's transport for those that use it. */
export async function checkoutForge(options: CheckoutOptions, store?: ObjectStore): Promise<Forge> {
	const { credentials, http, corsProxy } = options;
	const repo = forgeRepoFor(options.ref, credentials.gitHosts);
	const forge = await forgeFor(repo, {
		credentials,
		fetch: options.fetch,
		git: { http, corsProxy, store }
	});
	if (!forge) {
		throw new AppError('unexpected', `No forge checks out ${repo.kind} repositories yet.`);
	}
	return forge;
}

export async function checkout(options: CheckoutOptions): Promise<CheckoutResult> {
	const store = await openObjectStore(options.fs, gitdirFor(options.ref));
	return snapshot(await checkoutForge(options, store), store, options);
}

async function snapshot(
	forge: Forge,
	store: ObjectStore,
	options: CheckoutOptions
): Promise<CheckoutResult> {
	const result = await forge.snapshot({
		branch: options.branch,
		store,
		maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
		signal: options.signal,
		onProgress: options.onProgress,
		onListed: options.onListed,
		first: options.first,
		onFile: options.onFile
	});
	return { ...result, store };
}

export type ListedFiles = {
	/** The baseline the listing gives (where the forge lists, its files not yet all fetched). */
	baseline: Baseline;
	/** The files asked for that the listing holds, by path, checked against their blob ids. */
	files: Map<string, Uint8Array>;
	/** True when the whole checkout is done already (smart HTTP: one pack is the listing). */
	checkedOut: boolean;
};

export type ListFilesOptions = CheckoutOptions & {
	/** The paths to read, picked from the listing's paths. */
	paths: (list: string[]) => string[];
};

/**
 * What a setup proposal needs of a repository: its listing and a few named files. A forge that
 * lists (GitHub, GitLab) answers without fetching every file; for the others the checkout is
 * the listing.
 */
export async function listWithFiles(options: ListFilesOptions): Promise<ListedFiles> {
	const store = await openObjectStore(options.fs, gitdirFor(options.ref));
	const forge = await checkoutForge(options, store);
	const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
	if (forge.listing) {
		const { branch, paths, signal } = options;
		const listed = await forge.listing({ branch, store, maxFileBytes, paths, signal });
		return { ...listed, checkedOut: false };
	}
	const { baseline } = await snapshot(forge, store, options);
	const files = await readPaths(baseline, options.paths, (entry) => readBlob(store, entry.oid));
	return { baseline, files, checkedOut: true };
}

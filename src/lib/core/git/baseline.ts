import type { CommitInfo } from './commit-info.ts';

/** A git file mode Patchbay materialises: regular, executable, symlink. */
export type BlobMode = '100644' | '100755' | '120000';

export type BaselineEntry = { path: string; mode: BlobMode; oid: string; size?: number };

export type SkippedEntry = {
	path: string;
	reason: 'submodule' | 'too-large';
	size?: number;
	oid: string;
};

/** The exact tree a task starts from. `entries` are the files the sandbox gets. */
export type Baseline = {
	commit: string;
	tree: string;
	branch: string;
	entries: BaselineEntry[];
	/** Listed in the tree but not in the sandbox: submodules, and files over the size limit. */
	skipped: SkippedEntry[];
	/** The commit's message, author and committer, where the checkout learnt them. */
	commitInfo?: CommitInfo;
};

export type CheckoutProgress = {
	phase: 'resolving' | 'listing' | 'fetching' | 'receiving' | 'verifying' | 'done';
	/** Files (or objects) done and in all, where known. */
	loaded: number;
	total: number;
	bytes: number;
	message?: string;
	/**
	 * Sent once, as soon as the tree is listed (a forge's snapshot that lists: GitHub's REST
	 * path, GitLab's API; smart HTTP has no listing before its one pack): the baseline the checkout
	 * will give and the files asked for first, so an attempt can start before the rest arrive.
	 * It rides on the progress stream so the worker protocol stays one stream per request.
	 */
	listed?: CheckoutListed;
};

/** The listing's baseline, its files not yet all fetched, and the files asked for first. */
export type CheckoutListed = {
	baseline: Baseline;
	files: { path: string; mode: BlobMode; oid: string; data: Uint8Array }[];
};

export type CheckoutStats = {
	requests: number;
	filesFetched: number;
	bytesFetched: number;
	fromCache: boolean;
	/** The host could not be reached: the branch's last known commit was used instead. */
	offline?: { host: string; resolvedAt: number };
};

/** Files over this size stay out of the sandbox (with a note) unless the caller says otherwise. */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

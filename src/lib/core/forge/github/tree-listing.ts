// A GitHub commit's listing through the REST API — the branch resolved, the recursive tree —
// and single files fetched and verified against it. The setup proposal needs only this much
// (the listing and a few files); the full checkout (snapshot.ts) builds on it.
import { AppError, hostOf } from '../../http/index.ts';
import { hashBlob } from '../../diff/index.ts';
import type {
	Baseline,
	BaselineEntry,
	BlobMode,
	CheckoutStats,
	SkippedEntry
} from '../../git/baseline.ts';
import { knownBranchHead, rememberBranchHead } from '../../git/branch-heads.ts';
import type { CommitInfo } from '../../git/commit-info.ts';
import { commitInfoFromGitHub, type GitHubCommit } from './commit-info.ts';
import { HttpStatusError, type GitHubReader } from './reader.ts';
import { lookupGitHubRepo } from './lookup.ts';
import type { ObjectStore } from '../../git/object-store.ts';
import type { RepoRef } from '../../git/repo-ref.ts';

export type GitHubRef = Extract<RepoRef, { kind: 'github' }>;

type TreeItem = {
	path: string;
	mode: string;
	type: 'blob' | 'tree' | 'commit';
	sha: string;
	size?: number;
};
type TreeResponse = { sha: string; tree: TreeItem[]; truncated: boolean };

export type ListingOptions = {
	ref: GitHubRef;
	branch: string;
	store: ObjectStore;
	reader: GitHubReader;
	maxFileBytes: number;
};

/** The tree as GitHub lists it, split into what goes into the sandbox and what is left out. */
export type Listing = {
	/** GitHub's id of the root tree: the files fetched must add up to it. */
	sha: string;
	entries: BaselineEntry[];
	skipped: (SkippedEntry & { mode: string })[];
};

/** The baseline a listing gives once every file checks out against it. */
export function baselineOf(
	commit: string,
	branch: string,
	listing: Listing,
	commitInfo?: CommitInfo
): Baseline {
	return {
		commit,
		tree: listing.sha,
		branch,
		entries: listing.entries,
		skipped: listing.skipped.map(({ mode: _m, ...s }) => s),
		...(commitInfo ? { commitInfo } : {})
	};
}

/** The branch's commit, and its info (the commit's own zones) worked out when first asked. */
export type ResolvedBranch = { commit: string; commitInfo(): CommitInfo | undefined };

/** GET /repos/:o/:r/branches/:b's answer, the fields read here ("branch-with-protection"). */
type BranchAnswer = {
	commit: {
		sha: string;
		parents: { sha: string }[];
		commit: {
			message: string;
			tree: { sha: string };
			author: { name?: string; email?: string; date?: string } | null;
			committer: { name?: string; email?: string; date?: string } | null;
			verification?: GitHubCommit['verification'];
		};
	};
};

/**
 * The branch's commit from GitHub, with its info; its last known commit when GitHub cannot be
 * reached (no info then: a baseline saved for that commit has its own).
 */
export async function resolveBranchOrKnown(
	options: ListingOptions,
	stats: CheckoutStats
): Promise<ResolvedBranch> {
	try {
		const resolved = await resolveBranch(options, stats);
		await rememberBranchHead(options.store, options.branch, resolved.commit);
		return resolved;
	} catch (error) {
		const known =
			error instanceof AppError && error.code === 'unreachable'
				? await knownBranchHead(options.store, options.branch)
				: null;
		if (!known) throw error;
		stats.offline = { host: hostOf(options.reader.apiBase), resolvedAt: known.resolvedAt };
		return { commit: known.commit, commitInfo: () => undefined };
	}
}

/**
 * The branch through GET /repos/:o/:r/branches/:b rather than git/ref/heads/:b: the same one
 * request, and its answer holds the commit (people, UTC dates, message, tree, parents, a signed
 * commit's payload), so the baseline's commit info costs no request of its own.
 */
async function resolveBranch(
	options: ListingOptions,
	stats: CheckoutStats
): Promise<ResolvedBranch> {
	const { reader, ref, branch } = options;
	try {
		stats.requests++;
		const found = await reader.json<BranchAnswer>(
			`${repoPath(ref)}/branches/${encodeURIComponent(branch)}`
		);
		const { sha, parents, commit } = found.commit;
		let info: CommitInfo | undefined | null = null;
		// Worked out once and only when asked: a baseline saved with its info needs none, and
		// rebuilding an unsigned commit may try many zones.
		const commitInfo = () => {
			if (info === null) {
				const { author, committer } = commit;
				const person = (p: typeof author) =>
					p && p.date !== undefined
						? { name: p.name ?? '', email: p.email ?? '', date: p.date }
						: null;
				const a = person(author);
				const c = person(committer);
				info =
					a && c
						? commitInfoFromGitHub({
								sha,
								message: commit.message,
								tree: commit.tree,
								parents,
								author: a,
								committer: c,
								verification: commit.verification
							})
						: undefined;
			}
			return info;
		};
		return { commit: sha, commitInfo };
	} catch (error) {
		if (!(error instanceof HttpStatusError && error.status === 404)) throw error;
	}
	// 404 either way: say whether the repository or the branch is missing.
	const info = await lookupGitHubRepo(ref, reader);
	throw new AppError(
		'branch-not-found',
		`Branch "${branch}" does not exist in ${ref.owner}/${ref.repo}.`,
		`Pick one of: ${info.branches.slice(0, 10).join(', ')}${info.branches.length > 10 ? ', …' : ''}.`
	);
}

/** The commit's whole tree: one recursive listing, or a walk when GitHub truncates it. */
export async function listCommit(
	options: ListingOptions,
	commit: string,
	stats: CheckoutStats
): Promise<Listing> {
	const { reader } = options;
	const path = repoPath(options.ref);
	stats.requests++;
	const top = await reader.json<TreeResponse>(`${path}/git/trees/${commit}?recursive=1`);
	if (!top.truncated) return { sha: top.sha, ...classify(top.tree, options.maxFileBytes) };
	// Too big for one answer: walk the folders one listing at a time.
	const items: TreeItem[] = [];
	async function walk(sha: string, prefix: string): Promise<void> {
		stats.requests++;
		const level = await reader.json<TreeResponse>(`${path}/git/trees/${sha}`);
		const subtrees: Promise<void>[] = [];
		for (const item of level.tree) {
			const itemPath = prefix ? `${prefix}/${item.path}` : item.path;
			if (item.type === 'tree') subtrees.push(walk(item.sha, itemPath));
			else items.push({ ...item, path: itemPath });
		}
		await Promise.all(subtrees);
	}
	await walk(top.sha, '');
	return { sha: top.sha, ...classify(items, options.maxFileBytes) };
}

function classify(items: TreeItem[], maxFileBytes: number) {
	const entries: BaselineEntry[] = [];
	const skipped: Listing['skipped'] = [];
	for (const item of items) {
		if (item.type === 'tree') continue;
		if (item.type === 'commit')
			skipped.push({ path: item.path, oid: item.sha, reason: 'submodule', mode: '160000' });
		else if ((item.size ?? 0) > maxFileBytes)
			skipped.push({
				path: item.path,
				oid: item.sha,
				reason: 'too-large',
				size: item.size,
				mode: item.mode
			});
		else
			entries.push({
				path: item.path,
				mode: item.mode as BlobMode,
				oid: item.sha,
				size: item.size
			});
	}
	entries.sort((a, b) => (a.path < b.path ? -1 : 1));
	return { entries, skipped };
}

/**
 * One listed file's bytes, checked against its blob id: raw content first (cheap, no API
 * quota), the blobs API when raw fails or disagrees.
 */
export async function fetchVerified(
	ref: GitHubRef,
	reader: GitHubReader,
	commit: string,
	entry: BaselineEntry,
	stats: CheckoutStats
): Promise<Uint8Array> {
	const rawUrl = `${rawBase(ref)}/${ref.owner}/${ref.repo}/${commit}/${entry.path.split('/').map(encodeURIComponent).join('/')}`;
	for (const source of ['raw', 'blob'] as const) {
		let bytes: Uint8Array;
		try {
			stats.requests++;
			bytes =
				source === 'raw'
					? await reader.bytes(rawUrl, '*/*')
					: await reader.bytes(
							`${reader.apiBase}/repos/${ref.owner}/${ref.repo}/git/blobs/${entry.oid}`
						);
		} catch (error) {
			if (source === 'blob') throw error;
			continue;
		}
		stats.bytesFetched += bytes.length;
		if ((await hashBlob(bytes)) === entry.oid) return bytes;
	}
	throw new AppError(
		'snapshot-mismatch',
		`The bytes GitHub sent for ${entry.path} do not match its hash.`,
		'Try again.'
	);
}

/** raw.githubusercontent.com for github.com; `<host>/raw` on GitHub Enterprise (and the test peer). */
export function rawBase(ref: GitHubRef): string {
	const api = new URL(ref.apiBase);
	return api.hostname === 'api.github.com'
		? 'https://raw.githubusercontent.com'
		: `${api.origin}/raw`;
}

function repoPath(ref: GitHubRef): string {
	return `/repos/${ref.owner}/${ref.repo}`;
}

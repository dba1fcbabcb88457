// Checkout of any git URL: a shallow, single-branch fetch over smart HTTP (through the CORS
// proxy when one is set) into the local object store. Later fetches bring only what changed.
import * as git from 'isomorphic-git';
import { AppError, hostOf } from '../http/index.ts';
import type {
	Baseline,
	BaselineEntry,
	BlobMode,
	CheckoutProgress,
	CheckoutStats,
	SkippedEntry
} from './baseline.ts';
import { commitInfoFromObject } from './commit-info.ts';
import { knownBranchHead, rememberBranchHead } from './branch-heads.ts';
import { lookupGitRepo } from './lookup.ts';
import { loadBaseline, saveBaseline, type ObjectStore } from './object-store.ts';
import { explainGitError, gitAuth, type GitRemoteOptions } from './remote.ts';

export type CloneOptions = {
	url: string;
	branch: string;
	store: ObjectStore;
	remote: GitRemoteOptions;
	maxFileBytes: number;
	onProgress?: (progress: CheckoutProgress) => void;
};

export async function cloneOverSmartHttp(
	options: CloneOptions
): Promise<{ baseline: Baseline; stats: CheckoutStats }> {
	const { store, url, branch, remote } = options;
	const stats: CheckoutStats = { requests: 0, filesFetched: 0, bytesFetched: 0, fromCache: false };
	const progress = options.onProgress;
	let result: git.FetchResult;
	try {
		await git.addRemote({ fs: store.fs, gitdir: store.gitdir, remote: 'origin', url, force: true });
		result = await git.fetch({
			fs: store.fs,
			gitdir: store.gitdir,
			cache: store.cache,
			http: remote.http,
			remote: 'origin',
			corsProxy: remote.corsProxy || undefined,
			ref: branch,
			remoteRef: branch,
			singleBranch: true,
			depth: 1,
			tags: false,
			onAuth: gitAuth(remote),
			onProgress: (p) =>
				progress?.({
					phase: 'receiving',
					loaded: p.loaded,
					total: p.total,
					bytes: 0,
					message: p.phase
				})
		});
	} catch (error) {
		if (isMissingRef(error)) throw await branchMissing(url, branch, remote);
		const explained = await explainGitError(error, url, remote);
		const known = explained.code === 'unreachable' ? await knownCheckout(store, branch) : null;
		if (!known) throw explained;
		stats.fromCache = true;
		stats.offline = { host: hostOf(url), resolvedAt: known.resolvedAt };
		return { baseline: known.baseline, stats };
	}
	const commit = result.fetchHead;
	if (!commit) throw await branchMissing(url, branch, remote);
	await rememberBranchHead(store, branch, commit);
	const cached = await loadBaseline(store, commit);
	if (cached) {
		stats.fromCache = true;
		return { baseline: { ...cached, branch }, stats };
	}
	progress?.({ phase: 'listing', loaded: 0, total: 0, bytes: 0, message: 'Reading the tree' });
	const { commit: commitObject } = await git.readCommit({ ...store, oid: commit });
	const { entries, skipped } = await walkTree(store, commitObject.tree, options.maxFileBytes);
	const raw = await git.readObject({ ...store, oid: commit, format: 'content' });
	const commitInfo = commitInfoFromObject(new TextDecoder().decode(raw.object as Uint8Array));
	const baseline: Baseline = {
		commit,
		tree: commitObject.tree,
		branch,
		entries,
		skipped,
		...(commitInfo ? { commitInfo } : {})
	};
	await saveBaseline(store, baseline);
	progress?.({ phase: 'done', loaded: entries.length, total: entries.length, bytes: 0 });
	return { baseline, stats };
}

/** The branch's last known commit, when its baseline is still in the store. */
async function knownCheckout(store: ObjectStore, branch: string) {
	const head = await knownBranchHead(store, branch);
	const baseline = head && (await loadBaseline(store, head.commit));
	return head && baseline
		? { baseline: { ...baseline, branch }, resolvedAt: head.resolvedAt }
		: null;
}

function isMissingRef(error: unknown): boolean {
	const code = (error as { code?: string })?.code;
	return code === 'NotFoundError' || code === 'MissingNameError';
}

async function branchMissing(
	url: string,
	branch: string,
	remote: GitRemoteOptions
): Promise<AppError> {
	const info = await lookupGitRepo(url, remote);
	return new AppError(
		'branch-not-found',
		`Branch "${branch}" does not exist in ${url}.`,
		`Pick one of: ${info.branches.slice(0, 10).join(', ')}${info.branches.length > 10 ? ', …' : ''}.`
	);
}

async function walkTree(store: ObjectStore, treeOid: string, maxFileBytes: number) {
	const entries: BaselineEntry[] = [];
	const skipped: SkippedEntry[] = [];
	async function walk(oid: string, prefix: string): Promise<void> {
		const { tree } = await git.readTree({ ...store, oid });
		for (const item of tree) {
			const path = prefix ? `${prefix}/${item.path}` : item.path;
			if (item.type === 'tree') await walk(item.oid, path);
			else if (item.type === 'commit') skipped.push({ path, oid: item.oid, reason: 'submodule' });
			else {
				const size = await blobSize(store, item.oid);
				if (size > maxFileBytes) skipped.push({ path, oid: item.oid, reason: 'too-large', size });
				else entries.push({ path, mode: item.mode as BlobMode, oid: item.oid, size });
			}
		}
	}
	await walk(treeOid, '');
	entries.sort((a, b) => (a.path < b.path ? -1 : 1));
	return { entries, skipped };
}

async function blobSize(store: ObjectStore, oid: string): Promise<number> {
	const { blob } = await git.readBlob({ ...store, oid });
	return blob.length;
}

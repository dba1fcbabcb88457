// GitHub (github.com and Enterprise) behind the forge seam: the REST code in core/github (Git
// Data API push, pull requests, GitHub's error messages) and, in this folder, the look-up
// (lookup.ts), the REST reader (reader.ts) and the snapshot (snapshot.ts: the tree listed in
// tree-listing.ts, files from raw content or GraphQL in graphql.ts, each verified into
// core/git's object store), reached only through here. The Octokit-based parts load on first
// use, so a worker that only looks repositories up stays light; the checkout's parts load when
// a checkout starts.
import { githubEndpointFor } from '../../credentials/index.ts';
import { createGitHubReader } from './reader.ts';
import { lookupGitHubRepo } from './lookup.ts';
import type { Forge, ForgeContext, ForgeRepo } from '../types.ts';

export function createGitHubForge(repo: ForgeRepo, context: ForgeContext): Forge {
	const access = githubEndpointFor(repo.apiBase, context.credentials);
	const [owner = '', name = ''] = repo.path.split('/');
	const at = { ...access, owner, repo: name };
	const ref = {
		kind: 'github' as const,
		apiBase: repo.apiBase,
		owner,
		repo: name,
		webUrl: repo.webUrl,
		cloneUrl: repo.cloneUrl
	};
	const reader = (signal?: AbortSignal) =>
		createGitHubReader({
			apiBase: repo.apiBase,
			credentials: context.credentials,
			fetch: context.fetch,
			signal
		});
	return {
		kind: 'github',
		repo,
		lookup: (signal) => lookupGitHubRepo(ref, reader(signal)),
		async snapshot({ signal, ...options }) {
			const { snapshotFromGitHub } = await import('./snapshot.ts');
			return snapshotFromGitHub({ ...options, ref, reader: reader(signal) });
		},
		async listing(options) {
			const { listFromGitHub } = await import('./listing.ts');
			return listFromGitHub(ref, reader(options.signal), options);
		},
		async branchHead(branch, signal) {
			const { baseBranchHead } = await import('../../github/rebase.ts');
			return baseBranchHead({ ...at, branch, signal });
		},
		async rebaseOnto(_branch, head, changes, signal) {
			const { rebaseOntoHead } = await import('../../github/rebase.ts');
			return rebaseOntoHead({ ...at, head, changes, signal });
		},
		async push(options) {
			const { pushChanges } = await import('../../github/push.ts');
			return pushChanges({ ...at, ...options });
		},
		async openChangeRequest(options) {
			const { openPullRequest } = await import('../../github/pull-request.ts');
			const pr = await openPullRequest({ ...at, ...options });
			return { url: pr.url, number: pr.number, baseMoved: pr.baseMoved, created: !pr.existing };
		},
		async checkToken(signal) {
			const { checkGitHubToken } = await import('../../github/check-token.ts');
			return { ...(await checkGitHubToken(access, signal)), missing: [] };
		}
	};
}

// GitHub (github.com and Enterprise) behind the forge seam: today's REST code in core/github
// (Git Data API push, pull requests, GitHub's error messages), reached only through here.
import { githubEndpointFor } from '../../credentials/index.ts';
import { createGitHubReader } from '../../git/github-reader.ts';
import { lookupGitHubRepo } from '../../git/lookup.ts';
import { checkGitHubToken } from '../../github/check-token.ts';
import { openPullRequest } from '../../github/pull-request.ts';
import { pushChanges } from '../../github/push.ts';
import { baseBranchHead, rebaseOntoHead } from '../../github/rebase.ts';
import type { Forge, ForgeContext, ForgeRepo } from '../types.ts';

export function createGitHubForge(repo: ForgeRepo, context: ForgeContext): Forge {
	const access = githubEndpointFor(repo.apiBase, context.credentials);
	const [owner = '', name = ''] = repo.path.split('/');
	const at = { ...access, owner, repo: name };
	return {
		kind: 'github',
		repo,
		changeRequestNoun: 'pull request',
		lookup: (signal) =>
			lookupGitHubRepo(
				{
					kind: 'github',
					apiBase: repo.apiBase,
					owner,
					repo: name,
					webUrl: repo.webUrl,
					cloneUrl: repo.cloneUrl
				},
				createGitHubReader({
					apiBase: repo.apiBase,
					credentials: context.credentials,
					fetch: context.fetch,
					signal
				})
			),
		branchHead: (branch, signal) => baseBranchHead({ ...at, branch, signal }),
		rebaseOnto: (head, changes, signal) => rebaseOntoHead({ ...at, head, changes, signal }),
		push: (options) => pushChanges({ ...at, ...options }),
		async openChangeRequest(options) {
			const pr = await openPullRequest({ ...at, ...options });
			return { url: pr.url, number: pr.number, baseMoved: pr.baseMoved, created: !pr.existing };
		},
		async checkToken(signal) {
			const check = await checkGitHubToken(access, signal);
			return { ...check, missing: [] };
		}
	};
}

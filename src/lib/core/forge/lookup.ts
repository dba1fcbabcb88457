// A repository before checkout, asked of the forge that serves it (GitLab's API tells a private
// project and its default branch, and answers browsers from any origin), or of the git host's
// ref listing when no forge API serves it.
import type { Credentials } from '../credentials/index.ts';
import { lookupGitRepo } from '../git/lookup.ts';
import type { GitRemoteOptions } from '../git/remote.ts';
import type { RepoRef } from '../git/repo-ref.ts';
import { forgeFor, forgeRepoFor } from './forge-for.ts';
import type { RepoInfo } from './types.ts';

export async function lookupRepository(
	ref: RepoRef,
	options: {
		/** The git hosts in it name a self-managed forge's kind. */
		credentials: Credentials;
		corsProxy: string;
		http: GitRemoteOptions['http'];
		fetch?: typeof fetch;
		signal?: AbortSignal;
	}
): Promise<RepoInfo> {
	const repo = forgeRepoFor(ref, options.credentials.gitHosts);
	const { credentials, http, corsProxy } = options;
	const forge = await forgeFor(repo, {
		credentials,
		fetch: options.fetch,
		git: { http, corsProxy }
	});
	if (forge) return forge.lookup(options.signal);
	return lookupGitRepo(repo.cloneUrl, { http, corsProxy, credentials });
}

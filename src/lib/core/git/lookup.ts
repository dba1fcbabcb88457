// What a git host's repository offers before checkout, from its ref listing over smart HTTP:
// its branches and default branch (visibility unknown). A forge's API look-up (GitHub's, in
// core/forge/github) answers the same `RepoInfo`.
import * as git from 'isomorphic-git';
import { explainGitError, gitAuth, type GitRemoteOptions } from './remote.ts';

export type RepoInfo = { defaultBranch: string; branches: string[]; private: boolean | null };

export async function lookupGitRepo(url: string, remote: GitRemoteOptions): Promise<RepoInfo> {
	try {
		const refs = await git.listServerRefs({
			http: remote.http,
			url,
			corsProxy: remote.corsProxy || undefined,
			onAuth: gitAuth(remote),
			symrefs: true
		});
		const branches = refs
			.filter((r) => r.ref.startsWith('refs/heads/'))
			.map((r) => r.ref.slice(11));
		const head = refs.find((r) => r.ref === 'HEAD')?.target?.replace(/^refs\/heads\//, '');
		const defaultBranch = head ?? (branches.includes('main') ? 'main' : (branches[0] ?? 'main'));
		return { defaultBranch, branches: sortBranches(branches, defaultBranch), private: null };
	} catch (error) {
		throw await explainGitError(error, url, remote);
	}
}

/** The default branch first, then the rest in order, each once. */
export function sortBranches(branches: string[], first: string): string[] {
	return [...new Set(branches)].sort((a, b) =>
		a === first ? -1 : b === first ? 1 : a.localeCompare(b)
	);
}

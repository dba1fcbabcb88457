// What a repository offers before checkout: its branches, default branch, and visibility.
import * as git from 'isomorphic-git';
import { AppError } from '../http/index.ts';
import { HttpStatusError, type GitHubReader } from './github-reader.ts';
import { explainGitError, gitAuth, type GitRemoteOptions } from './remote.ts';
import { repoLabel, type RepoRef } from './repo-ref.ts';

export type RepoInfo = { defaultBranch: string; branches: string[]; private: boolean | null };

type RepoResponse = { default_branch: string; private: boolean };
type BranchResponse = { name: string }[];

export function notFound(ref: RepoRef, hasToken: boolean): AppError {
	const name = repoLabel(ref);
	return new AppError(
		'repo-not-found',
		`Repository ${name} was not found.`,
		hasToken
			? 'Check the name; if it is private, check that your token can read it.'
			: 'Check the name. If it is private, add a GitHub token in Settings.'
	);
}

export async function lookupGitHubRepo(
	ref: Extract<RepoRef, { kind: 'github' }>,
	reader: GitHubReader
): Promise<RepoInfo> {
	const base = `/repos/${ref.owner}/${ref.repo}`;
	let repo: RepoResponse;
	try {
		repo = await reader.json<RepoResponse>(base);
	} catch (error) {
		if (error instanceof HttpStatusError && error.status === 404)
			throw notFound(ref, reader.hasToken);
		throw error;
	}
	const branches: string[] = [];
	for (let page = 1; page <= 10; page++) {
		const list = await reader.json<BranchResponse>(`${base}/branches?per_page=100&page=${page}`);
		branches.push(...list.map((b) => b.name));
		if (list.length < 100) break;
	}
	return {
		defaultBranch: repo.default_branch,
		branches: sortBranches(branches, repo.default_branch),
		private: repo.private
	};
}

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

function sortBranches(branches: string[], first: string): string[] {
	return [...new Set(branches)].sort((a, b) =>
		a === first ? -1 : b === first ? 1 : a.localeCompare(b)
	);
}

// What a GitHub repository offers before checkout, through its REST API: its branches (the
// default first), default branch and visibility; a 404 says whether a token could help.
import { AppError } from '../../http/index.ts';
import { sortBranches, type RepoInfo } from '../../git/lookup.ts';
import { repoLabel, type RepoRef } from '../../git/repo-ref.ts';
import { HttpStatusError, type GitHubReader } from './reader.ts';

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

// A GitLab project before checkout: its default branch, branches and visibility.
import { sortBranches } from '../../git/lookup.ts';
import type { RepoInfo } from '../types.ts';
import type { ProjectApi } from './project-api.ts';

export async function lookupGitLabProject(api: ProjectApi): Promise<RepoInfo> {
	const project = await api.project();
	const branches: string[] = [];
	for (let page = 1; page <= 10; page++) {
		const list = await api.branches(page);
		branches.push(...list.map((b) => b.name));
		if (list.length < 100) break;
	}
	const defaultBranch = project.default_branch ?? branches[0] ?? 'main';
	return {
		defaultBranch,
		branches: sortBranches(branches, defaultBranch),
		private: project.visibility !== 'public'
	};
}

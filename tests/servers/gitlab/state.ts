// What the GitLab peer keeps between requests: tokens, protected branch rules, merge requests,
// project ids. Repositories themselves are bare repos at `<root>/<group>/<sub>/<name>.git`.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';

export type GitLabToken = { username: string; scopes: string[] };

export type MergeRequest = {
	iid: number;
	title: string;
	description: string;
	source_branch: string;
	target_branch: string;
	state: 'opened' | 'closed' | 'merged';
	author: string;
	updatedCount: number;
};

export type Project = { path: string; gitDir: string; id: number };

export type GitLabState = {
	root: string;
	url: string;
	tokens: Record<string, GitLabToken>;
	/** Per project path: branch name patterns (`*` wildcards) nobody may push to. */
	protectedBranches: Map<string, string[]>;
	mergeRequests: Map<string, MergeRequest[]>;
	ids: Map<string, number>;
};

const SEGMENT = /^[A-Za-z0-9_.-]+$/;

/** The project at `path` (`group/sub/name`), or null when there is no such bare repo. */
export async function findProject(state: GitLabState, path: string): Promise<Project | null> {
	const parts = path.split('/');
	if (parts.length < 2 || parts.some((p) => !SEGMENT.test(p) || p.startsWith('.'))) return null;
	const gitDir = join(state.root, ...parts.slice(0, -1), `${parts.at(-1)}.git`);
	try {
		if (!(await stat(gitDir)).isDirectory()) return null;
	} catch {
		return null;
	}
	let id = state.ids.get(path);
	if (id === undefined) {
		id = state.ids.size + 1;
		state.ids.set(path, id);
	}
	return { path, gitDir, id };
}

/** Whether `branch` matches one of the project's protected patterns. */
export function isProtected(state: GitLabState, project: string, branch: string): boolean {
	return (state.protectedBranches.get(project) ?? []).some((pattern) =>
		new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(
			branch
		)
	);
}

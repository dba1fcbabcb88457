// Finding `<root>/<owner>/<repo>.git` and the facts about it that repository bodies report.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Repo, ServerState } from './context.ts';
import { gitText } from './git-cli.ts';
import { defaultBranch, listRefs } from './git-objects.ts';
import { emptyRepository } from './errors.ts';

const namePattern = /^[A-Za-z0-9_.-]+$/;

function isSafeName(name: string): boolean {
	return namePattern.test(name) && name !== '.' && name !== '..';
}

export const repoKey = (owner: string, name: string): string => `${owner}/${name}`;

export function findRepo(state: ServerState, owner: string, name: string): Repo | null {
	if (!isSafeName(owner) || !isSafeName(name)) return null;
	const gitDir = join(state.root, owner, `${name}.git`);
	if (!existsSync(join(gitDir, 'HEAD'))) return null;
	return { owner, name, gitDir, options: state.repoOptions.get(repoKey(owner, name)) ?? {} };
}

/** GitHub's git-data endpoints answer 409 on a repository without any commits. */
export async function assertHasCommits(repo: Repo): Promise<void> {
	if ((await listRefs(repo.gitDir)).length === 0) throw emptyRepository();
}

export type RepoMeta = { defaultBranch: string; pushedAt: string; sizeKb: number };

export async function repoMeta(repo: Repo): Promise<RepoMeta> {
	const [branch, newest, counts] = await Promise.all([
		defaultBranch(repo.gitDir),
		gitText(repo.gitDir, [
			'for-each-ref',
			'--sort=-committerdate',
			'--count=1',
			'--format=%(committerdate:unix)',
			'refs/heads/'
		]),
		gitText(repo.gitDir, ['count-objects', '-v'])
	]);
	const seconds = Number(newest) || 0;
	const sizes = [...counts.matchAll(/^size(?:-pack)?: (\d+)$/gm)].map((match) => Number(match[1]));
	return {
		defaultBranch: branch,
		pushedAt: new Date(seconds * 1000).toISOString().replace('.000Z', 'Z'),
		sizeKb: sizes.reduce((sum, size) => sum + size, 0)
	};
}

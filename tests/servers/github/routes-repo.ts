// GET /user, GET /repos/{owner}/{repo} and its branches.
import type { components } from '@octokit/openapi-types';
import type { Context, RepoContext, Reply } from './context.ts';
import { ApiError } from './errors.ts';
import { listRefs } from './git-objects.ts';
import { paginate } from './paging.ts';
import { repoKey, repoMeta } from './repos.ts';
import { fullRepositoryShape, repoApiUrl } from './shapes-repo.ts';
import { privateUser } from './shapes-user.ts';

type ShortBranch = components['schemas']['short-branch'];

export async function getUser(ctx: Context): Promise<Reply> {
	if (!ctx.viewer) throw new ApiError(401, 'Requires authentication');
	return { status: 200, json: privateUser(ctx.base, ctx.viewer.login) };
}

export async function getRepository(ctx: RepoContext): Promise<Reply> {
	const { repo } = ctx;
	const pulls = ctx.state.pulls.list(repoKey(repo.owner, repo.name));
	const facts = {
		meta: await repoMeta(repo),
		openPulls: pulls.filter((pull) => pull.state === 'open').length,
		viewer: ctx.viewer
	};
	return { status: 200, json: fullRepositoryShape(ctx.base, repo, facts) };
}

export async function listBranches(ctx: RepoContext): Promise<Reply> {
	const api = repoApiUrl(ctx.base, ctx.repo);
	const protectedNames = new Set(ctx.repo.options.protectedBranches ?? []);
	const wantProtected = ctx.query.get('protected');
	const branches: ShortBranch[] = (await listRefs(ctx.repo.gitDir))
		.filter((record) => record.ref.startsWith('refs/heads/'))
		.map((record) => {
			const name = record.ref.slice('refs/heads/'.length);
			return {
				name,
				commit: { sha: record.sha, url: `${api}/commits/${record.sha}` },
				protected: protectedNames.has(name)
			};
		})
		.filter((branch) => wantProtected === null || String(branch.protected) === wantProtected);
	const page = paginate(ctx, branches);
	return { status: 200, json: page.items, headers: page.headers };
}

// GET /repos/{owner}/{repo}/branches/{branch}: one branch with its head commit as GitHub's
// "branch-with-protection" describes it. The commit is the commits API's shape (`commit`)
// without stats or files (GitHub leaves both out here): git's people with UTC dates, the
// message, tree, parents and the signature check; no GitHub account is matched to an email,
// so `author` and `committer` (the accounts) are null, as GitHub sends for an unknown email.
import type { components } from '@octokit/openapi-types';
import { readCommit } from './commit-object.ts';
import type { RepoContext, Reply } from './context.ts';
import { ApiError } from './errors.ts';
import { readRef } from './git-objects.ts';
import { repoApiUrl, repoHtmlUrl } from './shapes-repo.ts';
import { nodeId } from './shapes-user.ts';

type BranchWithProtection = components['schemas']['branch-with-protection'];

export async function getBranch(ctx: RepoContext): Promise<Reply> {
	const name = ctx.params.branch ?? '';
	const record = await readRef(ctx.repo.gitDir, `refs/heads/${name}`);
	if (!record) throw new ApiError(404, 'Branch not found');
	const commit = await readCommit(ctx.repo.gitDir, record.sha);
	const api = repoApiUrl(ctx.base, ctx.repo);
	const html = repoHtmlUrl(ctx.base, ctx.repo);
	const isProtected = (ctx.repo.options.protectedBranches ?? []).includes(name);
	const branchUrl = `${api}/branches/${encodeURIComponent(name)}`;
	const body: BranchWithProtection = {
		name,
		commit: {
			sha: commit.sha,
			node_id: nodeId('Commit', `${ctx.repo.owner}/${ctx.repo.name}:${commit.sha}`),
			url: `${api}/commits/${commit.sha}`,
			html_url: `${html}/commit/${commit.sha}`,
			comments_url: `${api}/commits/${commit.sha}/comments`,
			commit: {
				url: `${api}/git/commits/${commit.sha}`,
				author: commit.author,
				committer: commit.committer,
				// Without the final newline `git commit` stores, as GitHub's answers are seen to
				// give it (the published description does not say; the app's rebuild takes either,
				// and this way the harder case is the one tested). One without is sent as it is.
				message: commit.message.replace(/\n$/, ''),
				comment_count: 0,
				tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
				verification: {
					verified: false,
					reason: 'unsigned',
					signature: null,
					payload: null,
					verified_at: null
				}
			},
			author: null,
			committer: null,
			parents: commit.parents.map((sha) => ({
				sha,
				url: `${api}/commits/${sha}`,
				html_url: `${html}/commit/${sha}`
			}))
		},
		_links: { self: branchUrl, html: `${html}/tree/${name}` },
		protected: isProtected,
		protection: {
			enabled: isProtected,
			required_status_checks: { enforcement_level: 'off', contexts: [], checks: [] }
		},
		protection_url: `${branchUrl}/protection`
	};
	return { status: 200, json: body };
}

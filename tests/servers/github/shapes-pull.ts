// Pull requests as GitHub describes them: `pull-request` (one PR) and `pull-request-simple`
// (lists). The head and base shas are read from git when the body is built.
import type { components } from '@octokit/openapi-types';
import type { Repo } from './context.ts';
import type { PullRecord } from './pull-store.ts';
import { repoApiUrl, repoHtmlUrl, repositoryShape, type RepoFacts } from './shapes-repo.ts';
import { nodeId, simpleUser, stableId } from './shapes-user.ts';

type PullRequest = components['schemas']['pull-request'];
type PullRequestSimple = components['schemas']['pull-request-simple'];

export type PullFacts = RepoFacts & { headSha: string; baseSha: string };
export type PullStats = {
	commits: number;
	additions: number;
	deletions: number;
	changedFiles: number;
};

function branchEnd(base: string, repo: Repo, ref: string, sha: string, facts: RepoFacts) {
	return {
		label: `${repo.owner}:${ref}`,
		ref,
		sha,
		user: simpleUser(base, repo.owner),
		repo: repositoryShape(base, repo, facts)
	};
}

// Left to inference so that both shapes below check it against their own schema.
function pullCore(base: string, repo: Repo, pull: PullRecord, facts: PullFacts) {
	const api = repoApiUrl(base, repo);
	const html = `${repoHtmlUrl(base, repo)}/pull/${pull.number}`;
	const url = `${api}/pulls/${pull.number}`;
	const issue = `${api}/issues/${pull.number}`;
	const statuses = `${api}/statuses/${facts.headSha}`;
	const key = `${repo.owner}/${repo.name}#${pull.number}`;
	const repoFacts = { ...facts, viewer: null };
	return {
		url,
		id: stableId(`pull:${key}`),
		node_id: nodeId('PullRequest', key),
		html_url: html,
		diff_url: `${html}.diff`,
		patch_url: `${html}.patch`,
		issue_url: issue,
		commits_url: `${url}/commits`,
		review_comments_url: `${url}/comments`,
		review_comment_url: `${api}/pulls/comments{/number}`,
		comments_url: `${issue}/comments`,
		statuses_url: statuses,
		number: pull.number,
		state: pull.state,
		locked: false,
		title: pull.title,
		user: simpleUser(base, pull.user),
		body: pull.body,
		labels: [],
		milestone: null,
		active_lock_reason: null,
		created_at: pull.createdAt,
		updated_at: pull.createdAt,
		closed_at: null,
		merged_at: null,
		merge_commit_sha: null,
		assignee: null,
		assignees: [],
		requested_reviewers: [],
		requested_teams: [],
		head: branchEnd(base, repo, pull.head, facts.headSha, repoFacts),
		base: branchEnd(base, repo, pull.base, facts.baseSha, repoFacts),
		_links: {
			self: { href: url },
			html: { href: html },
			issue: { href: issue },
			comments: { href: `${issue}/comments` },
			review_comments: { href: `${url}/comments` },
			review_comment: { href: `${api}/pulls/comments{/number}` },
			commits: { href: `${url}/commits` },
			statuses: { href: statuses }
		},
		author_association: pull.user === repo.owner ? ('OWNER' as const) : ('COLLABORATOR' as const),
		auto_merge: null,
		draft: pull.draft
	};
}

export function pullSimpleShape(
	base: string,
	repo: Repo,
	pull: PullRecord,
	facts: PullFacts
): PullRequestSimple {
	return pullCore(base, repo, pull, facts);
}

export function pullShape(
	base: string,
	repo: Repo,
	pull: PullRecord,
	facts: PullFacts,
	stats: PullStats
): PullRequest {
	return {
		...pullCore(base, repo, pull, facts),
		merged: false,
		// GitHub computes mergeability in the background; a fresh PR reports it unknown.
		mergeable: null,
		rebaseable: null,
		mergeable_state: 'unknown',
		merged_by: null,
		comments: 0,
		review_comments: 0,
		maintainer_can_modify: pull.maintainerCanModify,
		commits: stats.commits,
		additions: stats.additions,
		deletions: stats.deletions,
		changed_files: stats.changedFiles
	};
}

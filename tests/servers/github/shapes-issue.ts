// Issues as GitHub describes them: `issue` (one, or in a list) and `issue-comment`.
import type { components } from '@octokit/openapi-types';
import type { Repo } from './context.ts';
import type { IssueCommentRecord, IssueRecord } from './issue-store.ts';
import { repoApiUrl, repoHtmlUrl } from './shapes-repo.ts';
import { nodeId, simpleUser, stableId } from './shapes-user.ts';

type Issue = components['schemas']['issue'];
type IssueComment = components['schemas']['issue-comment'];

function labelShape(base: string, repo: Repo, name: string) {
	const key = `${repo.owner}/${repo.name}:${name}`;
	return {
		id: stableId(`label:${key}`),
		node_id: nodeId('Label', key),
		url: `${repoApiUrl(base, repo)}/labels/${encodeURIComponent(name)}`,
		name,
		description: null,
		color: 'ededed',
		default: false
	};
}

export function issueShape(base: string, repo: Repo, issue: IssueRecord): Issue {
	const api = repoApiUrl(base, repo);
	const url = `${api}/issues/${issue.number}`;
	const key = `${repo.owner}/${repo.name}#${issue.number}`;
	return {
		id: stableId(`issue:${key}`),
		node_id: nodeId('Issue', key),
		url,
		repository_url: api,
		labels_url: `${url}/labels{/name}`,
		comments_url: `${url}/comments`,
		events_url: `${url}/events`,
		html_url: `${repoHtmlUrl(base, repo)}/issues/${issue.number}`,
		number: issue.number,
		state: issue.state,
		title: issue.title,
		body: issue.body,
		user: simpleUser(base, issue.user),
		labels: issue.labels.map((name) => labelShape(base, repo, name)),
		assignee: null,
		assignees: [],
		milestone: null,
		locked: false,
		active_lock_reason: null,
		comments: issue.comments.length,
		closed_at: null,
		created_at: issue.createdAt,
		updated_at: issue.comments.at(-1)?.createdAt ?? issue.createdAt,
		author_association: issue.user === repo.owner ? 'OWNER' : 'NONE'
	};
}

export function issueCommentShape(
	base: string,
	repo: Repo,
	issue: IssueRecord,
	comment: IssueCommentRecord
): IssueComment {
	const api = repoApiUrl(base, repo);
	return {
		id: comment.id,
		node_id: nodeId('IssueComment', String(comment.id)),
		url: `${api}/issues/comments/${comment.id}`,
		body: comment.body,
		html_url: `${repoHtmlUrl(base, repo)}/issues/${issue.number}#issuecomment-${comment.id}`,
		user: simpleUser(base, comment.user),
		created_at: comment.createdAt,
		updated_at: comment.createdAt,
		issue_url: `${api}/issues/${issue.number}`,
		author_association: comment.user === repo.owner ? 'OWNER' : 'NONE'
	};
}

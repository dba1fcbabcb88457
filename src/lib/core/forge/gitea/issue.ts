// A Gitea/Forgejo issue as a task draft needs it (API v1): the issue and its comments.
import type { IssueText } from '../../issues/issue-draft.ts';
import type { RestClient } from '../rest-client.ts';

type GiteaUser = { login?: string } | null;
type GiteaIssue = { title: string; body: string | null; user: GiteaUser };
type GiteaComment = { body: string | null; user: GiteaUser };

const enc = encodeURIComponent;

export async function readGiteaIssue(
	client: RestClient,
	/** `owner/repo`. */
	path: string,
	index: number,
	limit: number,
	signal?: AbortSignal
): Promise<IssueText> {
	const [owner = '', repo = ''] = path.split('/');
	const base = `/repos/${enc(owner)}/${enc(repo)}/issues/${index}`;
	const issue = await client.get<GiteaIssue>(base, signal);
	// Gitea lists an issue's comments oldest first, unpaged.
	const comments = await client.get<GiteaComment[]>(`${base}/comments`, signal);
	return {
		title: issue.title,
		body: issue.body ?? '',
		author: issue.user?.login ?? 'ghost',
		comments: comments
			.slice(0, limit)
			.map((comment) => ({ author: comment.user?.login ?? 'ghost', body: comment.body ?? '' }))
	};
}

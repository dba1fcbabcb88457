// A GitLab issue as a task draft needs it (API v4): the issue, then its notes oldest first,
// without the system notes GitLab writes itself ("changed the description", "added 1 commit").
import type { IssueText } from '../../issues/issue-draft.ts';
import type { RestClient } from '../rest-client.ts';

type GitLabUser = { username?: string } | null;
type GitLabIssue = { title: string; description: string | null; author: GitLabUser };
type GitLabNote = { body: string | null; author: GitLabUser; system?: boolean };

const enc = encodeURIComponent;

export async function readGitLabIssue(
	client: RestClient,
	/** `group/sub/repo`. */
	project: string,
	iid: number,
	limit: number,
	signal?: AbortSignal
): Promise<IssueText> {
	const base = `/projects/${enc(project)}/issues/${iid}`;
	const issue = await client.get<GitLabIssue>(base, signal);
	// A page of the first notes is enough: the draft takes at most `limit` comments.
	const notes = await client.get<GitLabNote[]>(
		`${base}/notes?sort=asc&order_by=created_at&per_page=100`,
		signal
	);
	return {
		title: issue.title,
		body: issue.description ?? '',
		author: issue.author?.username ?? 'ghost',
		comments: notes
			.filter((note) => !note.system)
			.slice(0, limit)
			.map((note) => ({ author: note.author?.username ?? 'ghost', body: note.body ?? '' }))
	};
}

// An issue's text as the task draft needs it: title, body, author and the first comments, read
// through the GitHub API with the client the caller made (its token and pacing).
import type { Octokit } from '@octokit/rest';
import { AppError } from '../http/index.ts';
import type { IssueText } from './issue-draft.ts';
import { issueUrl, type IssueRef } from './issue-ref.ts';

/** More would bury the issue itself. */
export const MAX_COMMENTS = 20;

export async function fetchIssue(octokit: Octokit, ref: IssueRef): Promise<IssueText> {
	const where = { owner: ref.owner, repo: ref.repo, issue_number: ref.number };
	try {
		const { data: issue } = await octokit.rest.issues.get(where);
		const { data: comments } = await octokit.rest.issues.listComments({
			...where,
			per_page: MAX_COMMENTS
		});
		return {
			title: issue.title,
			body: issue.body ?? '',
			author: issue.user?.login ?? 'ghost',
			comments: comments.map((c) => ({ author: c.user?.login ?? 'ghost', body: c.body ?? '' }))
		};
	} catch (error) {
		const status = (error as { status?: number }).status;
		if (status === 404 || status === 410)
			throw new AppError(
				'issue-not-found',
				`${issueUrl(ref)} was not found.`,
				'Check the number, and that the GitHub token in Settings can read this repository.',
				{ cause: error }
			);
		throw new AppError(
			'issue-unreadable',
			`Could not read ${issueUrl(ref)}: ${error instanceof Error ? error.message : String(error)}`,
			'Check the GitHub settings and try again.',
			{ cause: error }
		);
	}
}

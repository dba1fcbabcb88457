// A repository's open issues for the composer's list: newest first, narrowed by label on the
// server and by words in the title here; pull requests (which GitHub lists as issues) left out.
import type { Octokit } from '@octokit/rest';

export type OpenIssue = { number: number; title: string; labels: string[]; author: string };

export async function listOpenIssues(
	octokit: Octokit,
	repo: { owner: string; repo: string },
	label?: string
): Promise<OpenIssue[]> {
	const { data } = await octokit.rest.issues.listForRepo({
		...repo,
		state: 'open',
		sort: 'created',
		direction: 'desc',
		per_page: 50,
		...(label ? { labels: label } : {})
	});
	return data
		.filter((issue) => !issue.pull_request)
		.map((issue) => ({
			number: issue.number,
			title: issue.title,
			labels: issue.labels.flatMap((l) => (typeof l === 'string' ? [l] : l.name ? [l.name] : [])),
			author: issue.user?.login ?? 'ghost'
		}));
}

/** The issues whose title holds every word of `query`, ignoring case. */
export function searchIssues(issues: readonly OpenIssue[], query: string): OpenIssue[] {
	const words = query.toLowerCase().split(/\s+/).filter(Boolean);
	return issues.filter((issue) => words.every((word) => issue.title.toLowerCase().includes(word)));
}

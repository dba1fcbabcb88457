// A commit's whole tree from GitLab: `repository/tree?recursive=true`, 100 entries a page.
// Keyset pagination is asked for (GitLab then sends `Link: <…page_token=…>; rel="next"`); a host
// that answers with offset pages instead (`X-Next-Page`, as some versions do for this endpoint)
// is followed that way.
import type { CheckoutStats } from '../../git/baseline.ts';
import { AppError } from '../../http/index.ts';
import type { ProjectApi } from './project-api.ts';

export type GitLabTreeEntry = {
	id: string;
	name: string;
	type: 'blob' | 'tree' | 'commit';
	path: string;
	mode: string;
};

/** More pages than this is a host looping, not a tree (10,000 pages of 100 entries). */
const MAX_PAGES = 10_000;

export async function listGitLabTree(
	api: ProjectApi,
	commit: string,
	stats: CheckoutStats
): Promise<GitLabTreeEntry[]> {
	const first = `/repository/tree?recursive=true&ref=${commit}&per_page=100&pagination=keyset`;
	const entries: GitLabTreeEntry[] = [];
	let next: string | null = first;
	for (let pages = 0; next; pages++) {
		if (pages >= MAX_PAGES) {
			throw new AppError(
				'snapshot-mismatch',
				'GitLab kept sending more pages of the tree listing.',
				'Try again later.'
			);
		}
		stats.requests++;
		const { data, headers } = await api.treePage(next);
		entries.push(...data);
		next = nextPage(headers, api.projectUrl, first);
	}
	return entries;
}

/** The next page's path under the project, from `Link` (keyset) or `X-Next-Page` (offset). */
function nextPage(headers: Headers, projectUrl: string, first: string): string | null {
	const link = headers.get('link') ?? '';
	const href = /<([^>]+)>\s*;\s*rel="next"/.exec(link)?.[1];
	if (href) {
		const url = new URL(href, projectUrl);
		const base = new URL(projectUrl);
		// Followed only on the project's own host, so the token goes nowhere else.
		if (url.origin !== base.origin) return null;
		return `/repository/tree?${url.searchParams}`;
	}
	const page = headers.get('x-next-page');
	if (!page) return null;
	return `${first.replace('&pagination=keyset', '')}&page=${encodeURIComponent(page)}`;
}

// The early start for GitLab's snapshot: `onListed` told the baseline as soon as the tree is
// listed, before any blob is fetched, as GitHub's snapshot does. snapshot.ts tells its listing
// only through `first` (the paths, right after listing), so this watches the tree pages it asks
// for and, when `first` is asked, hands `onListed` the baseline those pages give: only when
// they list exactly the paths `first` is given, so any other way of listing (an archive) just
// goes without the early start. Once snapshot.ts calls `onListed` itself, this file goes.
import type { CommitInfo } from '../../git/commit-info.ts';
import type { ForgeSnapshotOptions } from '../types.ts';
import { commitInfoFromGitLab } from './commit-info.ts';
import { listedBaseline } from './listing.ts';
import type { ProjectApi } from './project-api.ts';
import type { GitLabTreeEntry } from './tree-listing.ts';

export function withListedEarly(
	api: ProjectApi,
	options: ForgeSnapshotOptions
): { api: ProjectApi; options: ForgeSnapshotOptions } {
	const onListed = options.onListed;
	if (!onListed) return { api, options };
	const listed: GitLabTreeEntry[] = [];
	let commit: string | null = null;
	let commitInfo: CommitInfo | undefined;
	const watched: ProjectApi = {
		...api,
		// The branch answer (the snapshot's first request) holds the commit's info.
		async branchCommit(branch) {
			const head = await api.branchCommit(branch);
			commitInfo = head ? commitInfoFromGitLab(head) : undefined;
			return head;
		},
		async treePage(path) {
			const page = await api.treePage(path);
			commit ??= new URLSearchParams(path.split('?')[1] ?? '').get('ref');
			listed.push(...page.data);
			return page;
		}
	};
	const first = (paths: string[]): string[] => {
		const baseline =
			commit && /^[0-9a-f]{40}$/.test(commit)
				? listedBaseline(commit, options.branch, listed, commitInfo)
				: null;
		const same =
			baseline &&
			baseline.entries.length === paths.length &&
			baseline.entries.every((entry, i) => entry.path === paths[i]);
		if (same) onListed(baseline);
		return options.first?.(paths) ?? [];
	};
	return { api: watched, options: { ...options, first } };
}

// Open the merge request for a pushed branch, or update the open one (a follow-up's push
// brings a new body). A draft is GitLab's `Draft:` title prefix, which every version reads.
import type { ChangeRequestOptions, ChangeRequestResult } from '../types.ts';
import type { ProjectApi } from './project-api.ts';

const DRAFT = 'Draft: ';

export async function openMergeRequest(
	api: ProjectApi,
	options: ChangeRequestOptions
): Promise<ChangeRequestResult> {
	const title = options.draft ? `${DRAFT}${options.title}` : options.title;
	const [open] = await api.openMergeRequests(options.head, options.base);
	const request = open
		? await api.updateMergeRequest(open.iid, {
				// A request the person marked ready (or drafted) keeps their choice.
				title: open.title.startsWith(DRAFT) ? `${DRAFT}${options.title}` : options.title,
				description: options.body
			})
		: await api.createMergeRequest({
				source_branch: options.head,
				target_branch: options.base,
				title,
				description: options.body,
				remove_source_branch: true
			});
	const head = await api.branchHead(options.base);
	return {
		url: request.web_url,
		number: request.iid,
		baseMoved: head !== null && head !== options.baselineCommit,
		created: !open
	};
}

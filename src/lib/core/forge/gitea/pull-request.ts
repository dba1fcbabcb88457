// Open the pull request for a pushed branch, or update the open one. A draft is Gitea's `WIP:`
// title prefix (its default WORK_IN_PROGRESS_PREFIXES).
import type { ChangeRequestOptions, ChangeRequestResult } from '../types.ts';
import type { GiteaPull, RepoApi } from './repo-api.ts';

const WIP = 'WIP: ';

async function findOpen(api: RepoApi, head: string, base: string): Promise<GiteaPull | null> {
	for (let page = 1; page <= 10; page++) {
		const list = await api.openPulls(page);
		const found = list.find((p) => p.head.ref === head && p.base.ref === base);
		if (found || list.length < 50) return found ?? null;
	}
	return null;
}

export async function openGiteaPull(
	api: RepoApi,
	options: ChangeRequestOptions
): Promise<ChangeRequestResult> {
	const open = await findOpen(api, options.head, options.base);
	const pull = open
		? await api.updatePull(open.number, {
				title: open.title.startsWith(WIP) ? `${WIP}${options.title}` : options.title,
				body: options.body
			})
		: await api.createPull({
				head: options.head,
				base: options.base,
				title: options.draft ? `${WIP}${options.title}` : options.title,
				body: options.body
			});
	const head = await api.branchHead(options.base);
	return {
		url: pull.html_url,
		number: pull.number,
		baseMoved: head !== null && head !== options.baselineCommit,
		created: !open
	};
}

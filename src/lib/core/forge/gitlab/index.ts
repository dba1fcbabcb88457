// GitLab (gitlab.com and self-managed, API v4) behind the forge seam. Its API answers browsers
// from any origin, so no proxy is needed; a project may sit in subgroups (`group/sub/repo`).
import { createRestClient } from '../rest-client.ts';
import type { Forge, ForgeContext, ForgeRepo } from '../types.ts';
import { explainGitLabFailure, type GitLabFailureContext } from './errors.ts';
import { withListedEarly } from './listed-early.ts';
import { listFromGitLab } from './listing.ts';
import { lookupGitLabProject } from './lookup.ts';
import { openMergeRequest } from './merge-request.ts';
import { projectApi } from './project-api.ts';
import { pushToGitLab } from './push.ts';
import { rebaseOntoGitLabHead } from './rebase.ts';
import { snapshotFromGitLab } from './snapshot.ts';
import { checkGitLabToken } from './token-check.ts';

export function createGitLabForge(repo: ForgeRepo, context: ForgeContext): Forge {
	const client = createRestClient({
		apiBase: repo.apiBase,
		credentials: context.credentials,
		scheme: 'Bearer',
		fetch: context.fetch
	});
	const explained = async <T>(
		action: GitLabFailureContext['action'],
		run: () => Promise<T>
	): Promise<T> => {
		try {
			return await run();
		} catch (error) {
			throw await explainGitLabFailure(error, {
				action,
				apiBase: client.apiBase,
				project: repo.path
			});
		}
	};
	const api = (signal?: AbortSignal) => projectApi(client, repo.path, signal);
	const source = {
		projectUrl: api().projectUrl,
		credentials: context.credentials,
		fetch: context.fetch
	};
	return {
		kind: 'gitlab',
		repo,
		lookup: (signal) => explained('lookup', () => lookupGitLabProject(api(signal))),
		branchHead: (branch, signal) => explained('push', () => api(signal).branchHead(branch)),
		rebaseOnto: (_branch, head, changes, signal) =>
			explained('push', () => rebaseOntoGitLabHead(api(signal), head, changes)),
		push: (options) =>
			explained('push', () => pushToGitLab(api(options.signal), repo.webUrl, options)),
		openChangeRequest: (options) =>
			explained('merge-request', () => openMergeRequest(api(options.signal), options)),
		checkToken: (signal) => explained('token', () => checkGitLabToken(client, signal)),
		snapshot: (asked) =>
			explained('lookup', () => {
				const { api: watched, options } = withListedEarly(api(asked.signal), asked);
				return snapshotFromGitLab({ ...source, api: watched, project: repo.path }, options);
			}),
		listing: (options) =>
			explained('lookup', () =>
				listFromGitLab({ ...source, api: api(options.signal), project: repo.path }, options)
			)
	};
}

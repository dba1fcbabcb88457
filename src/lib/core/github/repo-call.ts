import type { Octokit } from '@octokit/rest';

/** One repository, one client, one cancellation: what every step of a push needs. */
export type RepoCall = { octokit: Octokit; owner: string; repo: string; signal?: AbortSignal };

/** The API base a client talks to, for messages about it. */
export const apiBaseOf = (octokit: Octokit): string => octokit.request.endpoint.DEFAULTS.baseUrl;

/** The commit a branch points at, or null when there is no such branch. */
export async function branchHead(call: RepoCall, branch: string): Promise<string | null> {
	try {
		const { data } = await call.octokit.rest.git.getRef({
			owner: call.owner,
			repo: call.repo,
			ref: `heads/${branch}`,
			request: { signal: call.signal }
		});
		return data.object.sha;
	} catch (error) {
		if ((error as { status?: unknown }).status === 404) return null;
		throw error;
	}
}

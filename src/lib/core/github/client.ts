import { Octokit } from '@octokit/rest';
import { githubAuthorization } from '../credentials/index.ts';
import { AppError } from '../http/index.ts';
import type { GitHubEndpoint } from './check-token.ts';
import { throttleRequests, type ThrottleOptions } from './throttle.ts';

/**
 * How a GitHub call reaches the API: a client made by `createGitHubClient` (share one between
 * a push and its pull request so they share the write pacing), or an endpoint to make one for.
 */
export type GitHubAccess =
	{ octokit: Octokit } | (GitHubEndpoint & { throttle?: ThrottleOptions; octokit?: undefined });

/**
 * GitHub answers API reads with `Cache-Control: max-age=60`, so a browser would serve a ref read
 * right after a push from its cache; every request goes to the network instead. Octokit adds the
 * token to whatever URL it calls (a pagination `Link` or an upload URL the server names): the
 * header stays only where `credentialFor` gives the endpoint's token to that URL.
 */
function guardedFetch(endpoint: GitHubEndpoint): typeof fetch {
	const credentials = { github: endpoint, gitHosts: [] };
	return (input, init) => {
		const url = input instanceof Request ? input.url : String(input);
		const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : {}));
		if (headers.has('authorization') && !githubAuthorization(url, credentials))
			headers.delete('authorization');
		return globalThis.fetch(input, { ...init, headers, cache: 'no-store' });
	};
}

const noop = () => undefined;

/** An Octokit for `endpoint` whose writes are paced and whose rate limits are waited out. */
export function createGitHubClient(
	endpoint: GitHubEndpoint,
	throttle: ThrottleOptions = {}
): Octokit {
	const token = endpoint.token.trim();
	if (!token) {
		throw new AppError(
			'missing-token',
			'Enter a GitHub token first.',
			'Create one at github.com/settings/tokens with contents and pull-request write access.'
		);
	}
	const octokit = new Octokit({
		auth: token,
		baseUrl: endpoint.apiBase.replace(/\/+$/, ''),
		request: { fetch: guardedFetch({ apiBase: endpoint.apiBase, token }) },
		// Failed requests are explained as AppErrors; many (a 404 for a free branch name) are expected.
		log: { debug: noop, info: noop, warn: console.warn, error: noop }
	});
	throttleRequests(octokit, throttle);
	return octokit;
}

export function clientFor(access: GitHubAccess): Octokit {
	if (access.octokit) return access.octokit;
	return createGitHubClient(access, access.throttle);
}

import { Octokit } from '@octokit/rest';
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
 * right after a push from its cache; every request goes to the network instead.
 */
const uncachedFetch: typeof fetch = (input, init) =>
	globalThis.fetch(input, { ...init, cache: 'no-store' });

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
		request: { fetch: uncachedFetch },
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

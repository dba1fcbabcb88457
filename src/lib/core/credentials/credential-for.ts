// The one place that decides whether a request may carry a credential, and which. Every path
// that adds an Authorization header (GitHub REST reads, Octokit, isomorphic-git's onAuth) asks
// here with the URL it is about to send to, so a token reaches only the host it belongs to.
import type { GitHostCredential, GitHubSettings } from '../store/schema.ts';
import { hostKey, isSecureForCredentials } from './host-key.ts';

/** The credentials Settings holds, in the shape the decision needs (see `credentialsOf`). */
export type Credentials = { github: GitHubSettings; gitHosts: GitHostCredential[] };

export const noCredentials: Credentials = { github: { token: '', apiBase: '' }, gitHosts: [] };

/**
 * Settings' credentials: the GitHub token with its API base, and the per-host git tokens — plain
 * copies, so they can be posted to a worker whatever object they were read from.
 */
export function credentialsOf(settings: {
	github: GitHubSettings;
	git: { hosts?: GitHostCredential[] };
}): Credentials {
	const { token, apiBase } = settings.github;
	return {
		github: { token, apiBase },
		gitHosts: (settings.git.hosts ?? []).map((h) => ({ ...h }))
	};
}

/**
 * How the request travels. `github-api`: a GitHub REST call (only the GitHub token applies).
 * `git`: smart HTTP, directly or through `corsProxy` (a git host's own token first, else the
 * GitHub token on GitHub's hosts; through a proxy only a host's token the user let it carry).
 */
export type CredentialRoute =
	| { use: 'github-api' }
	| { use: 'git'; corsProxy?: string }
	/** A remote MCP server's request from the page: only that host's own token, never GitHub's. */
	| { use: 'mcp' };

export type Credential = {
	kind: 'github' | 'git-host';
	/** The host it belongs to (and was matched against). */
	host: string;
	username: string;
	password: string;
};

export type CredentialDecision =
	| { credential: Credential; reason: 'match' }
	| {
			credential: null;
			reason:
				| 'bad-url'
				| 'insecure'
				| 'userinfo'
				| 'no-credential'
				/** A token exists for the host, but the request goes through a proxy not allowed to carry it. */
				| 'proxy-not-allowed';
	  };

const GITHUB_USER = 'x-access-token';

/** The hosts the GitHub token belongs to: the API's, and raw content's for github.com. */
export function githubHosts(apiBase: string): string[] {
	const api = parse(apiBase);
	if (!api || !isSecureForCredentials(api) || api.username || api.password) return [];
	return api.host === 'api.github.com' ? [api.host, 'raw.githubusercontent.com'] : [api.host];
}

export function decideCredential(
	url: string,
	credentials: Credentials,
	route: CredentialRoute
): CredentialDecision {
	const target = parse(url);
	if (!target) return { credential: null, reason: 'bad-url' };
	// `https://api.github.com@evil.com/` is evil.com to the browser; refuse any userinfo outright.
	if (target.username || target.password) return { credential: null, reason: 'userinfo' };
	if (!isSecureForCredentials(target)) return { credential: null, reason: 'insecure' };
	const host = target.host;
	const proxy = route.use === 'git' && route.corsProxy ? parse(route.corsProxy) : null;
	if (route.use === 'git' && route.corsProxy && (!proxy || proxy.host === host)) {
		// A URL on the proxy itself, or a proxy we cannot read: nothing is offered.
		return { credential: null, reason: 'proxy-not-allowed' };
	}
	if (route.use === 'git' || route.use === 'mcp') {
		const entry = credentials.gitHosts.find((h) => h.token && hostKey(h.host) === host);
		if (entry) {
			if (proxy && !entry.proxyMayCarry) return { credential: null, reason: 'proxy-not-allowed' };
			return {
				credential: {
					kind: 'git-host',
					host,
					username: entry.username.trim() || GITHUB_USER,
					password: entry.token
				},
				reason: 'match'
			};
		}
	}
	if (route.use === 'mcp') return { credential: null, reason: 'no-credential' };
	const { token, apiBase } = credentials.github;
	const api = parse(apiBase);
	if (!token || !api || !githubHosts(apiBase).includes(host)) {
		return { credential: null, reason: 'no-credential' };
	}
	// The GitHub token goes over the scheme its API base names, and never through a proxy.
	if (target.protocol !== api.protocol) return { credential: null, reason: 'insecure' };
	if (proxy) return { credential: null, reason: 'proxy-not-allowed' };
	return {
		credential: { kind: 'github', host, username: GITHUB_USER, password: token },
		reason: 'match'
	};
}

/** The credential `url` may carry on `route`, or null. */
export function credentialFor(
	url: string,
	credentials: Credentials,
	route: CredentialRoute
): Credential | null {
	return decideCredential(url, credentials, route).credential;
}

/** `Authorization` for a request to a remote MCP server at `url`, or null when it goes without. */
export function mcpAuthorization(url: string, credentials: Credentials): string | null {
	const credential = credentialFor(url, credentials, { use: 'mcp' });
	return credential ? `Bearer ${credential.password}` : null;
}

/** `Authorization` for a GitHub REST request to `url`, or null when it must go without. */
export function githubAuthorization(url: string, credentials: Credentials): string | null {
	const credential = credentialFor(url, credentials, { use: 'github-api' });
	return credential ? `Bearer ${credential.password}` : null;
}

function parse(url: string): URL | null {
	try {
		return new URL(url);
	} catch {
		return null;
	}
}

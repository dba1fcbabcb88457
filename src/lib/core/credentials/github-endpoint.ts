import type { GitHubSettings } from '../store/schema.ts';
import { credentialFor, type Credentials } from './credential-for.ts';

/**
 * The endpoint a GitHub API client for `apiBase` is made with: the token only when `apiBase` is
 * the API base Settings names (a github.com repository while Settings point at GitHub
 * Enterprise gets no token, and neither does a host a link chose).
 */
export function githubEndpointFor(apiBase: string, credentials: Credentials): GitHubSettings {
	const credential = credentialFor(`${apiBase.replace(/\/+$/, '')}/`, credentials, {
		use: 'github-api'
	});
	return { apiBase, token: credential?.password ?? '' };
}

import { Octokit } from '@octokit/rest';
import { githubAuthorization } from '../credentials/index.ts';
import { AppError } from '../http/index.ts';
import { networkFailure } from './errors.ts';

export type GitHubEndpoint = { apiBase: string; token: string };

export type TokenCheck = {
	login: string;
	/** Classic tokens list their scopes; fine-grained tokens do not (null). */
	scopes: string[] | null;
};

/** Who the token belongs to, and what it may do: `GET /user`. */
export async function checkGitHubToken(
	endpoint: GitHubEndpoint,
	signal?: AbortSignal
): Promise<TokenCheck> {
	if (!endpoint.token.trim()) {
		throw new AppError(
			'missing-token',
			'Enter a GitHub token first.',
			'Create one at github.com/settings/tokens with contents and pull-request write access.'
		);
	}
	// The same decision as every other request: the token goes over https (http only locally).
	if (
		!githubAuthorization(`${endpoint.apiBase.replace(/\/+$/, '')}/user`, {
			github: endpoint,
			gitHosts: []
		})
	) {
		throw new AppError(
			'insecure-api-base',
			`The token is not sent to ${endpoint.apiBase}: it goes only over https.`,
			'Use the https:// address of the GitHub API (http works only for localhost).'
		);
	}
	const octokit = new Octokit({
		auth: endpoint.token.trim(),
		baseUrl: endpoint.apiBase.replace(/\/+$/, ''),
		request: { signal }
	});
	try {
		const response = await octokit.request('GET /user');
		const header = response.headers['x-oauth-scopes'];
		const scopes =
			typeof header === 'string'
				? header
						.split(',')
						.map((s) => s.trim())
						.filter(Boolean)
				: null;
		return { login: response.data.login, scopes };
	} catch (error) {
		throw await explainGitHubError(error, endpoint.apiBase);
	}
}

type OctokitFailure = {
	status?: number;
	response?: { data?: { message?: string } };
	name?: string;
};

async function explainGitHubError(error: unknown, apiBase: string): Promise<AppError> {
	const failure = (error ?? {}) as OctokitFailure;
	if (failure.name === 'AbortError') return new AppError('aborted', 'The check was cancelled.');
	const message = failure.response?.data?.message ?? (error instanceof Error ? error.message : '');
	if (failure.status === 401) {
		return new AppError(
			'unauthorized',
			`GitHub refused the token (401 ${message || 'Bad credentials'}).`,
			'The token may be mistyped, expired or revoked: create a new one at github.com/settings/tokens.'
		);
	}
	if (failure.response === undefined) return networkFailure(apiBase);
	if (failure.status === 404) {
		return new AppError(
			'not-github',
			`${apiBase} does not look like a GitHub API: GET /user answered 404.`,
			'github.com uses https://api.github.com; GitHub Enterprise uses https://HOST/api/v3.'
		);
	}
	return new AppError('http-error', `GitHub answered ${failure.status}: ${message}`);
}

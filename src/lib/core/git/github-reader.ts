// Read-only GitHub REST calls a checkout needs, with the failures a user can meet explained.
import { githubAuthorization, type Credentials } from '../credentials/index.ts';
import { AppError, diagnoseNetworkFailure, hostOf } from '../http/index.ts';

export type GitHubReaderOptions = {
	/** The repository's API base (github.com's, or the one Settings names). */
	apiBase: string;
	/** Settings' credentials: a request carries the GitHub token only where `credentialFor` says. */
	credentials: Credentials;
	fetch?: typeof fetch;
	signal?: AbortSignal;
};

export class HttpStatusError extends Error {
	readonly status: number;
	constructor(status: number, message: string) {
		super(message);
		this.name = 'HttpStatusError';
		this.status = status;
	}
}

export function createGitHubReader(options: GitHubReaderOptions) {
	const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
	const apiBase = options.apiBase.replace(/\/+$/, '');
	const hasToken = githubAuthorization(`${apiBase}/`, options.credentials) !== null;

	async function send(url: string, accept: string): Promise<Response> {
		// Decided per URL: raw content may live on another host than the API.
		const authorization = githubAuthorization(url, options.credentials);
		let response: Response;
		try {
			response = await doFetch(url, {
				headers: { Accept: accept, ...(authorization ? { Authorization: authorization } : {}) },
				signal: options.signal
			});
		} catch (error) {
			if (options.signal?.aborted) throw error;
			throw await networkError(url, error);
		}
		if (response.ok) return response;
		throw await statusError(response, url, authorization !== null);
	}

	return {
		apiBase,
		hasToken,
		async json<T>(path: string): Promise<T> {
			const response = await send(`${apiBase}${path}`, 'application/vnd.github+json');
			return (await response.json()) as T;
		},
		async bytes(url: string, accept = 'application/vnd.github.raw'): Promise<Uint8Array> {
			const response = await send(url, accept);
			return new Uint8Array(await response.arrayBuffer());
		}
	};
}

export type GitHubReader = ReturnType<typeof createGitHubReader>;

async function networkError(url: string, cause: unknown): Promise<AppError> {
	const why = await diagnoseNetworkFailure(url);
	return why === 'cors'
		? new AppError(
				'cors-refused',
				`${hostOf(url)} answered without CORS headers, so the browser blocked it.`,
				'Check the GitHub API base URL in Settings.',
				{ cause }
			)
		: new AppError(
				'unreachable',
				`Could not reach ${hostOf(url)}.`,
				'Check your connection and the GitHub API base URL in Settings.',
				{ cause }
			);
}

async function statusError(response: Response, url: string, hasToken: boolean): Promise<Error> {
	const body = (await response.json().catch(() => ({}))) as { message?: string };
	const message = body.message ?? response.statusText;
	if (response.status === 401 && !hasToken) {
		return new AppError(
			'auth-required',
			`${hostOf(url)} asks for credentials (401 ${message}).`,
			'The GitHub token in Settings is sent only to the API base URL Settings names (and its content host): check that URL, or add a token.'
		);
	}
	if (response.status === 401) {
		return new AppError(
			'unauthorized',
			`GitHub refused the token (401 ${message}).`,
			'The token in Settings may be mistyped, expired or revoked.'
		);
	}
	if (
		(response.status === 403 || response.status === 429) &&
		response.headers.get('x-ratelimit-remaining') === '0'
	) {
		const reset = Number(response.headers.get('x-ratelimit-reset')) * 1000;
		const when = reset ? ` until ${new Date(reset).toLocaleTimeString()}` : '';
		return new AppError(
			'rate-limited',
			`GitHub's API rate limit is used up${when}.`,
			hasToken
				? 'Wait for the limit to reset.'
				: 'Add a GitHub token in Settings: it raises the limit from 60 to 5,000 requests an hour.'
		);
	}
	return new HttpStatusError(response.status, `${response.status} ${message}`);
}

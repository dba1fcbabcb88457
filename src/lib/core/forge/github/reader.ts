// Read-only GitHub REST calls a checkout needs, with the failures a user can meet explained.
import { githubAuthorization, type Credentials } from '../../credentials/index.ts';
import { realClock, type Clock } from '../../github/clock.ts';
import { rateLimitWait } from '../../github/rate-limit.ts';
import { AppError, diagnoseNetworkFailure, hostOf } from '../../http/index.ts';

export type GitHubReaderOptions = {
	/** The repository's API base (github.com's, or the one Settings names). */
	apiBase: string;
	/** Settings' credentials: a request carries the GitHub token only where `credentialFor` says. */
	credentials: Credentials;
	fetch?: typeof fetch;
	signal?: AbortSignal;
	/** "Slow down" answers retried per request (429, or 403 with a wait named). Default 4. */
	maxRetries?: number;
	/** A longer wait than this is not waited out: the request fails. Default 60 s. */
	maxWaitMs?: number;
	clock?: Clock;
};

/** Told before each wait GitHub asked for, so progress can say why nothing moves. */
export type SlowDownListener = (waitMs: number) => void;

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
	const clock = options.clock ?? realClock;
	const maxRetries = options.maxRetries ?? 4;
	const maxWaitMs = options.maxWaitMs ?? 60_000;
	const listeners = new Set<SlowDownListener>();
	/**
	 * raw.githubusercontent.com and the API answer a burst with 429 (or 403) and the wait they
	 * want. Every request of this reader holds back until then, not only the one told: the others
	 * in flight would only meet the same answer.
	 */
	let pausedUntil = 0;

	async function send(url: string, accept: string, body?: string): Promise<Response> {
		// Decided per URL: raw content may live on another host than the API.
		const authorization = githubAuthorization(url, options.credentials);
		for (let attempt = 0; ; attempt++) {
			const paused = pausedUntil - clock.now();
			if (paused > 0) await clock.sleep(paused, options.signal);
			let response: Response;
			try {
				response = await doFetch(url, {
					...(body === undefined ? {} : { method: 'POST', body }),
					headers: { Accept: accept, ...(authorization ? { Authorization: authorization } : {}) },
					signal: options.signal
				});
			} catch (error) {
				if (options.signal?.aborted) throw error;
				throw await networkError(url, error);
			}
			if (response.ok) return response;
			const waitMs = await slowDownWait(response, clock.now(), attempt);
			if (waitMs === null || attempt >= maxRetries || waitMs > maxWaitMs)
				throw await statusError(response, url, authorization !== null);
			await response.body?.cancel();
			pausedUntil = Math.max(pausedUntil, clock.now() + waitMs);
			for (const listener of listeners) listener(waitMs);
		}
	}

	return {
		apiBase,
		hasToken,
		/** Milliseconds left of the wait GitHub asked for (0 when requests go out freely). */
		pausedFor(): number {
			return Math.max(0, pausedUntil - clock.now());
		},
		/** Calls `listener` before each wait GitHub asked for; returns how to stop. */
		onSlowDown(listener: SlowDownListener): () => void {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		async json<T>(path: string): Promise<T> {
			const response = await send(`${apiBase}${path}`, 'application/vnd.github+json');
			return (await response.json()) as T;
		},
		/**
		 * A GraphQL query (github.com's /graphql; GitHub Enterprise's /api/graphql beside /api/v3),
		 * retried on "slow down" as the REST calls are. GraphQL's own errors come back in the body.
		 */
		async graphql<T>(query: string): Promise<{ data?: T; errors?: { message: string }[] }> {
			const url = `${apiBase.replace(/\/v3$/, '')}/graphql`;
			const response = await send(url, 'application/json', JSON.stringify({ query }));
			return (await response.json()) as { data?: T; errors?: { message: string }[] };
		},
		async bytes(url: string, accept = 'application/vnd.github.raw'): Promise<Uint8Array> {
			const response = await send(url, accept);
			return new Uint8Array(await response.arrayBuffer());
		}
	};
}

export type GitHubReader = ReturnType<typeof createGitHubReader>;

/**
 * How long to wait before this request is tried again, or null when it is not a "slow down".
 * Named waits follow GitHub's rules (github/rate-limit.ts). A 429 naming none comes from raw
 * content in practice (the API names its waits, and exposes them to the page; a browser reads
 * only the headers a host exposes): it backs off 1, 2, 4, 8 s rather than the API's minute.
 */
async function slowDownWait(
	response: Response,
	now: number,
	attempt: number
): Promise<number | null> {
	if (response.status !== 403 && response.status !== 429) return null;
	const headers = Object.fromEntries(response.headers);
	const named = headers['retry-after'] !== undefined || headers['x-ratelimit-remaining'] === '0';
	if (!named && response.status === 429) return 1000 * 2 ** attempt;
	// A 403 without a wait named is told apart by its message ("secondary rate limit").
	const body = (await response
		.clone()
		.json()
		.catch(() => ({}))) as { message?: unknown };
	const message = typeof body.message === 'string' ? body.message : '';
	return rateLimitWait({ status: response.status, message, headers, aborted: false }, now);
}

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
			'github-auth-required',
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

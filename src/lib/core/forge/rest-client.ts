// A small JSON client for a forge's REST API (GitLab v4, Gitea v1). The token comes from
// `credentialFor` for every URL, so it reaches only the host Settings saved it for.
import { credentialFor, type Credentials } from '../credentials/index.ts';
import { isAbortError } from '../http/index.ts';

/** A request the host refused (`status`), or could not be sent (`status` undefined). */
export class ForgeHttpError extends Error {
	readonly status: number | undefined;
	readonly body: unknown;
	readonly aborted: boolean;

	constructor(status: number | undefined, message: string, body: unknown, aborted = false) {
		super(message);
		this.name = 'ForgeHttpError';
		this.status = status;
		this.body = body;
		this.aborted = aborted;
	}
}

export type RestClientOptions = {
	apiBase: string;
	credentials: Credentials;
	/** How the token is written: `Bearer x` (GitLab) or `token x` (Gitea). */
	scheme: 'Bearer' | 'token';
	fetch?: typeof fetch;
};

export type RestResponse<T> = { data: T; headers: Headers };

export type RestClient = {
	readonly apiBase: string;
	readonly hasToken: boolean;
	request<T>(
		method: string,
		path: string,
		init?: { body?: unknown; signal?: AbortSignal }
	): Promise<RestResponse<T>>;
	get<T>(path: string, signal?: AbortSignal): Promise<T>;
};

/** The message a forge's error body carries: `message`, `error_description` or `error`. */
export function messageOf(body: unknown): string {
	if (typeof body === 'string') return body;
	if (!body || typeof body !== 'object') return '';
	const record = body as Record<string, unknown>;
	const message = record.message ?? record.error_description ?? record.error;
	if (Array.isArray(message)) return message.map(String).join('; ');
	if (message && typeof message === 'object') return JSON.stringify(message);
	return typeof message === 'string' ? message : '';
}

export function createRestClient(options: RestClientOptions): RestClient {
	const apiBase = options.apiBase.replace(/\/+$/, '');
	const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
	const token = credentialFor(`${apiBase}/`, options.credentials, { use: 'git' })?.password;
	const request = async <T>(
		method: string,
		path: string,
		init: { body?: unknown; signal?: AbortSignal } = {}
	): Promise<RestResponse<T>> => {
		const url = `${apiBase}${path}`;
		// Asked per URL: a path can never move the token to another host, but the rule is one rule.
		const credential = credentialFor(url, options.credentials, { use: 'git' });
		const headers: Record<string, string> = { Accept: 'application/json' };
		if (credential) headers.Authorization = `${options.scheme} ${credential.password}`;
		if (init.body !== undefined) headers['Content-Type'] = 'application/json';
		let response: Response;
		try {
			response = await doFetch(url, {
				method,
				headers,
				body: init.body === undefined ? undefined : JSON.stringify(init.body),
				signal: init.signal
			});
		} catch (error) {
			const aborted = isAbortError(error);
			throw new ForgeHttpError(undefined, aborted ? 'Cancelled.' : String(error), null, aborted);
		}
		const text = await response.text();
		let body: unknown = text;
		try {
			body = text ? JSON.parse(text) : null;
		} catch {
			// Not JSON: kept as text for the message.
		}
		if (!response.ok) throw new ForgeHttpError(response.status, messageOf(body), body);
		return { data: body as T, headers: response.headers };
	};
	return {
		apiBase,
		hasToken: Boolean(token),
		request,
		get: async <T>(path: string, signal?: AbortSignal) =>
			(await request<T>('GET', path, { signal })).data
	};
}

// What an Octokit request failure tells us, read without trusting its shape: a RequestError
// carries `status` and `response` ({headers, data}); a network failure or an abort has neither.

export type Failure = {
	/** Undefined when no HTTP answer arrived (network failure, CORS, abort). */
	status: number | undefined;
	/** GitHub's `message`, or the error's own message. */
	message: string;
	/** Response headers, lower-case names. */
	headers: Record<string, string>;
	aborted: boolean;
};

type RequestFailure = {
	name?: unknown;
	status?: unknown;
	message?: unknown;
	response?: { headers?: Record<string, unknown>; data?: unknown };
};

export function readFailure(error: unknown): Failure {
	const failure = (typeof error === 'object' && error !== null ? error : {}) as RequestFailure;
	const data = failure.response?.data as { message?: unknown; errors?: unknown } | undefined;
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(failure.response?.headers ?? {})) {
		if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
	}
	const ownMessage = typeof failure.message === 'string' ? failure.message : '';
	return {
		status:
			typeof failure.status === 'number' && failure.response !== undefined
				? failure.status
				: undefined,
		message:
			typeof data?.message === 'string' ? withDetails(data.message, data.errors) : ownMessage,
		headers,
		aborted: failure.name === 'AbortError'
	};
}

/**
 * A 422 says "Validation Failed" and puts the reason ("A pull request already exists…") in
 * `errors`; both are kept so the reason can be read and shown.
 */
function withDetails(message: string, errors: unknown): string {
	if (!Array.isArray(errors)) return message;
	const details = errors
		.map((item: unknown) => {
			const detail = (typeof item === 'object' && item !== null ? item : {}) as {
				message?: unknown;
				code?: unknown;
				field?: unknown;
			};
			if (typeof detail.message === 'string') return detail.message;
			return [detail.field, detail.code].filter((part) => typeof part === 'string').join(' ');
		})
		.filter(Boolean);
	return details.length > 0 ? `${message}: ${details.join('; ')}` : message;
}

// GitLab's error bodies: `{"message": "404 Project Not Found"}`, and for a token without the
// scope an endpoint needs, `{"error": "insufficient_scope", ...}` (as GitLab's API sends them).
export class GitLabError extends Error {
	readonly status: number;
	readonly body: unknown;
	constructor(status: number, body: unknown) {
		super(typeof body === 'object' ? JSON.stringify(body) : String(body));
		this.status = status;
		this.body = body;
	}
}

export const notFound = (what = '404 Not Found') => new GitLabError(404, { message: what });
export const badRequest = (message: string) => new GitLabError(400, { message });
export const unauthorized = () => new GitLabError(401, { message: '401 Unauthorized' });
export const forbidden = (message = '403 Forbidden') => new GitLabError(403, { message });
export const insufficientScope = (scope: string) =>
	new GitLabError(403, {
		error: 'insufficient_scope',
		error_description: 'The request requires higher privileges than provided by the access token.',
		scope
	});

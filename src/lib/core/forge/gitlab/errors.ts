// GitLab's refusals, turned into what the person can do about them (github/errors.ts is the
// model). GitLab tells a missing scope apart (`insufficient_scope`) and names protected branches
// in its message, so each gets its own code.
import { AppError, diagnoseNetworkFailure, hostOf } from '../../http/index.ts';
import { ForgeHttpError } from '../rest-client.ts';

export type GitLabFailureContext = {
	action: 'lookup' | 'push' | 'merge-request' | 'token';
	apiBase: string;
	/** `group/sub/repo`. */
	project: string;
};

const TOKEN_HINT =
	'Create a personal, group or project access token with the `api` scope (Developer role or ' +
	'higher) and save it for this host in Settings → Git hosts.';

function scopeOf(body: unknown): string | null {
	if (!body || typeof body !== 'object') return null;
	const record = body as Record<string, unknown>;
	if (record.error !== 'insufficient_scope') return null;
	return typeof record.scope === 'string' ? record.scope : 'api';
}

function forbidden(error: ForgeHttpError, context: GitLabFailureContext): AppError {
	const scope = scopeOf(error.body);
	if (scope) {
		return new AppError(
			'missing-scope',
			`The GitLab token lacks the \`${scope}\` scope, so it may not change ${context.project}.`,
			`Add the \`${scope}\` scope to the token (or create one with it) and save it in Settings → Git hosts.`
		);
	}
	if (/protected branch|not allowed to push/i.test(error.message)) {
		return new AppError(
			'branch-protected',
			`GitLab refused to write the branch: ${error.message}`,
			'A protected-branch rule covers it. Push to a new branch (change the branch prefix in ' +
				'Settings), or ask a maintainer to allow Developers to push to it.'
		);
	}
	if (/archived/i.test(error.message)) {
		return new AppError(
			'repo-archived',
			`${context.project} is archived, so it is read-only.`,
			'Unarchive it in the project settings, or download the patch and apply it elsewhere.'
		);
	}
	return new AppError(
		context.action === 'merge-request' ? 'no-mr-access' : 'no-write-access',
		`The token may not ${context.action === 'merge-request' ? 'open merge requests on' : 'push to'} ${context.project} (403 ${error.message}).`,
		TOKEN_HINT
	);
}

/** The AppError a person should see for a failed GitLab request. */
export async function explainGitLabFailure(
	error: unknown,
	context: GitLabFailureContext
): Promise<AppError> {
	if (error instanceof AppError) return error;
	if (!(error instanceof ForgeHttpError)) {
		return new AppError('unexpected', `GitLab request failed: ${String(error)}`);
	}
	if (error.aborted) return new AppError('aborted', 'Cancelled.');
	switch (error.status) {
		case undefined:
			return networkFailure(context.apiBase);
		case 401:
			return new AppError(
				'unauthorized',
				`GitLab refused the token (401 ${error.message || 'Unauthorized'}).`,
				'The token may be mistyped, expired or revoked: create a new one under Preferences → ' +
					'Access tokens and save it in Settings → Git hosts.'
			);
		case 403:
			return forbidden(error, context);
		case 404:
			return new AppError(
				'repo-not-found',
				`GitLab says ${context.project} does not exist (404 ${error.message}), or the token cannot see it.`,
				'Check the group, subgroups and name. A private project is invisible without a token ' +
					'that can read it: save one with `read_api` (or `api`) for this host in Settings → Git hosts.'
			);
		case 409:
		case 400:
			return new AppError(
				'http-error',
				`GitLab refused the request (${error.status} ${error.message}).`,
				context.action === 'merge-request'
					? 'The branch is pushed: try again, or open the merge request from it on GitLab.'
					: 'Nothing was written (a commit is all or nothing), so trying again is safe.'
			);
		case 429:
			return new AppError(
				'rate-limited',
				`GitLab's rate limit stopped the request (${error.message}).`,
				'Wait a minute and try again; nothing half-done is left behind.'
			);
		default:
			if (error.status >= 500) {
				return new AppError(
					'forge-unavailable',
					`GitLab failed to answer (${error.status} ${error.message}).`,
					'Try again: a commit is written whole or not at all, so a retry is safe.'
				);
			}
			return new AppError('http-error', `GitLab answered ${error.status}: ${error.message}`);
	}
}

async function networkFailure(apiBase: string): Promise<AppError> {
	const why = await diagnoseNetworkFailure(`${apiBase}/version`);
	return why === 'cors'
		? new AppError(
				'cors-refused',
				`${hostOf(apiBase)} answered, but without CORS headers, so the browser blocked the response.`,
				"GitLab's API allows any origin; check that the host in Settings → Git hosts is a GitLab " +
					'server and that nothing in front of it strips the headers.'
			)
		: new AppError(
				'unreachable',
				`Could not reach ${hostOf(apiBase)}.`,
				'Check the host and your connection, then try again.'
			);
}

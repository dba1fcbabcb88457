// GitHub's refusals, turned into what the person pushing can do about them. GitHub says little
// more than a status and a message, so the message is read for the cases that share a status.
import { AppError, diagnoseNetworkFailure, hostOf } from '../http/index.ts';
import { readFailure, type Failure } from './failure.ts';
import { rateLimitWait } from './rate-limit.ts';

export type FailureContext = {
	/** What was being done: decides what a 403 means. */
	action: 'push' | 'pull-request';
	apiBase: string;
	owner: string;
	repo: string;
};

const TOKEN_HINT =
	'A fine-grained token needs "Contents: Read and write" and "Pull requests: Read and write" on ' +
	'this repository; a classic token needs the `repo` scope (`public_repo` for public repositories).';

function forbidden(failure: Failure, context: FailureContext, now: number): AppError {
	const { message } = failure;
	const name = `${context.owner}/${context.repo}`;
	const waitMs = rateLimitWait(failure, now);
	if (/archived/i.test(message)) {
		return new AppError(
			'repo-archived',
			`${name} is archived, so it is read-only.`,
			'Unarchive it in the repository settings, or download the patch and apply it elsewhere.'
		);
	}
	if (waitMs !== null) {
		const at = new Date(now + waitMs).toLocaleTimeString();
		return new AppError(
			'rate-limited',
			`GitHub's rate limit stopped the ${context.action.replace('-', ' ')} (${message}).`,
			`Try again after ${at}; nothing half-done is left behind, so a retry picks up cleanly.`
		);
	}
	if (/SAML|SSO/i.test(message)) {
		return new AppError(
			'sso-required',
			`The organization owning ${name} requires single sign-on for this token.`,
			'Authorize the token for the organization: github.com/settings/tokens → Configure SSO.'
		);
	}
	if (/protected branch|rule violation|creations being restricted/i.test(message)) {
		return branchProtected(message);
	}
	return context.action === 'push'
		? new AppError(
				'no-write-access',
				`The token may not push to ${name} (403 ${message}).`,
				TOKEN_HINT
			)
		: new AppError(
				'no-pr-access',
				`The token may not open pull requests on ${name} (403 ${message}).`,
				TOKEN_HINT
			);
}

function branchProtected(message: string): AppError {
	return new AppError(
		'branch-protected',
		`GitHub refused to move the branch: ${message}`,
		'A branch protection rule or ruleset covers it. Push to a new branch (change the branch ' +
			'prefix in Settings), or ask an admin to allow it.'
	);
}

export function branchDiverged(branch = 'The branch'): AppError {
	return new AppError(
		'branch-diverged',
		`${branch} has commits Patchbay did not push, so moving it would drop them.`,
		'Push to a new branch instead, or bring those commits into the task first.'
	);
}

function unprocessable(failure: Failure, context: FailureContext): AppError {
	const { message } = failure;
	if (/protected branch|rule violation|creations being restricted/i.test(message)) {
		return branchProtected(message);
	}
	if (/fast.forward/i.test(message)) return branchDiverged();
	if (/workflow/i.test(message)) return noWorkflowAccess(context);
	return new AppError(
		'http-error',
		`GitHub refused the request (422 ${message}).`,
		context.action === 'push'
			? 'Nothing was left half-done (the branch is written last), so trying again is safe; if ' +
					'it keeps failing, download the patch and apply it with `git apply`.'
			: 'The branch is pushed: try again, or open the pull request from it on GitHub.'
	);
}

function noWorkflowAccess(context: FailureContext): AppError {
	return new AppError(
		'no-workflow-access',
		`The token may not change .github/workflows in ${context.owner}/${context.repo}.`,
		'Give a classic token the `workflow` scope (a fine-grained one "Workflows: Read and ' +
			'write"), or leave the workflow files out of the push.'
	);
}

/** The AppError a person should see for a failed GitHub request. */
export async function explainGitHubFailure(
	error: unknown,
	context: FailureContext,
	now = Date.now()
): Promise<AppError> {
	if (error instanceof AppError) return error;
	const failure = readFailure(error);
	if (failure.aborted) return new AppError('aborted', 'Cancelled.');
	const name = `${context.owner}/${context.repo}`;
	switch (failure.status) {
		case undefined:
			return networkFailure(context.apiBase);
		case 401:
			return new AppError(
				'unauthorized',
				`GitHub refused the token (401 ${failure.message || 'Bad credentials'}).`,
				'The token may be mistyped, expired or revoked: create a new one at github.com/settings/tokens.'
			);
		case 403:
		case 429:
			return forbidden(failure, context, now);
		case 404:
			return new AppError(
				'repo-not-found',
				`GitHub says ${name} does not exist (404), or the token cannot see it.`,
				'Check the owner and name. A private repository is invisible to a token without ' +
					'access to it: add it to a fine-grained token, or give a classic token `repo`.'
			);
		case 409:
			return new AppError(
				'repo-empty',
				`${name} has no commits yet, so there is nothing to branch from.`,
				'Push a first commit to it, then try again.'
			);
		case 422:
			return unprocessable(failure, context);
		default:
			if (failure.status >= 500) {
				return new AppError(
					'github-unavailable',
					`GitHub failed to answer (${failure.status} ${failure.message}).`,
					'Try again: the branch is only created or moved at the very end, so a retry is safe.'
				);
			}
			return new AppError('http-error', `GitHub answered ${failure.status}: ${failure.message}`);
	}
}

/** The API could not be read at all: unreachable, or answering without CORS headers. */
export async function networkFailure(apiBase: string): Promise<AppError> {
	const why = await diagnoseNetworkFailure(`${apiBase.replace(/\/+$/, '')}/rate_limit`);
	return why === 'cors'
		? new AppError(
				'cors-refused',
				`${hostOf(apiBase)} answered, but without CORS headers, so the browser blocked the response.`,
				'Check the API base URL: github.com uses https://api.github.com, Enterprise https://HOST/api/v3.'
			)
		: new AppError(
				'unreachable',
				`Could not reach ${hostOf(apiBase)}.`,
				'Check the API base URL and your connection, then try again.'
			);
}

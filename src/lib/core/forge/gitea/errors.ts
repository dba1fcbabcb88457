// Gitea's refusals in the person's terms. Gitea names a token's missing scope in its message
// ("token does not have at least one of required scope(s): [write:repository]").
import { AppError, diagnoseNetworkFailure, hostOf } from '../../http/index.ts';
import { ForgeHttpError } from '../rest-client.ts';

export type GiteaFailureContext = {
	action: 'lookup' | 'push' | 'pull-request' | 'token';
	apiBase: string;
	repo: string;
};

export async function explainGiteaFailure(
	error: unknown,
	context: GiteaFailureContext
): Promise<AppError> {
	if (error instanceof AppError) return error;
	if (!(error instanceof ForgeHttpError)) {
		return new AppError('unexpected', `Gitea request failed: ${String(error)}`);
	}
	if (error.aborted) return new AppError('aborted', 'Cancelled.');
	const scope = /required scope\(s\): \[([^\]]+)\]/.exec(error.message)?.[1];
	switch (error.status) {
		case undefined: {
			const why = await diagnoseNetworkFailure(`${context.apiBase}/version`);
			return why === 'cors'
				? new AppError(
						'cors-refused',
						`${hostOf(context.apiBase)} answered without CORS headers, so the browser blocked it.`,
						"Ask the host's admin to allow this app's origin ([cors] ENABLED = true and " +
							'ALLOW_DOMAIN in app.ini), or set a CORS proxy in Settings → Git hosts and let it ' +
							'carry this host’s token — it then sees the token.'
					)
				: new AppError(
						'unreachable',
						`Could not reach ${hostOf(context.apiBase)}.`,
						'Check the host and your connection.'
					);
		}
		case 401:
			return new AppError(
				'unauthorized',
				`Gitea refused the token (401 ${error.message}).`,
				'Create a new access token (Settings → Applications) and save it in Settings → Git hosts.'
			);
		case 403:
			return scope
				? new AppError(
						'missing-scope',
						`The Gitea token lacks the ${scope} scope needed here.`,
						`Create a token with ${scope} and save it for this host in Settings → Git hosts.`
					)
				: new AppError(
						context.action === 'pull-request' ? 'no-pr-access' : 'no-write-access',
						`Gitea refused: ${error.message} (403).`,
						'Check that your account may write to the repository.'
					);
		case 404:
			return new AppError(
				'repo-not-found',
				`Gitea says ${context.repo} does not exist (404), or the token cannot see it.`,
				'Check the owner and name; for a private repository save a token with read:repository ' +
					'for this host in Settings → Git hosts.'
			);
		default:
			return new AppError('http-error', `Gitea answered ${error.status}: ${error.message}`);
	}
}

// Smart-HTTP remotes through isomorphic-git: credentials and the failures a user can meet.
import * as git from 'isomorphic-git';
import type { HttpClient } from 'isomorphic-git';
import { AppError, diagnoseNetworkFailure, hostOf } from '../http/index.ts';

export type GitRemoteOptions = { http: HttpClient; corsProxy: string; token: string };

/** A token is offered as the password (GitHub, GitLab and Gitea all accept that) only when asked. */
export function gitAuth(token: string): git.AuthCallback | undefined {
	return token ? () => ({ username: 'x-access-token', password: token }) : undefined;
}

type GitFailure = { code?: string; data?: { statusCode?: number }; message?: string };

export async function explainGitError(
	error: unknown,
	url: string,
	remote: GitRemoteOptions
): Promise<AppError> {
	const failure = (error ?? {}) as GitFailure;
	const status = failure.data?.statusCode;
	if (failure.code === 'HttpError' && status === 404) {
		return new AppError(
			'repo-not-found',
			`No git repository at ${url}.`,
			'Check the URL (it is what you would give `git clone`).'
		);
	}
	if (failure.code === 'HttpError' && (status === 401 || status === 403)) {
		return remote.token
			? new AppError(
					'unauthorized',
					`${hostOf(url)} refused the credentials (${status}).`,
					'Check the token in Settings.'
				)
			: new AppError(
					'auth-required',
					`${hostOf(url)} asks for credentials (${status}).`,
					'The repository is private: add a token in Settings.'
				);
	}
	if (failure.code === 'HttpError') {
		return new AppError(
			'http-error',
			`${hostOf(url)} answered ${status}: ${failure.message ?? ''}`.trim()
		);
	}
	if (failure.code === 'SmartHttpError' || failure.code === 'ParseError') {
		return new AppError('not-git', `${url} did not answer like a git server.`, 'Check the URL.');
	}
	if (error instanceof TypeError || failure.code === undefined) {
		if (remote.corsProxy) {
			return new AppError(
				'unreachable',
				`Could not reach ${hostOf(url)} through the CORS proxy ${hostOf(remote.corsProxy)}.`,
				'Check the proxy URL in Settings and that it is running.'
			);
		}
		const why = await diagnoseNetworkFailure(`${url}/info/refs?service=git-upload-pack`);
		return why === 'cors'
			? new AppError(
					'cors-refused',
					`${hostOf(url)} answered without CORS headers, so the browser cannot read it.`,
					'Set a CORS proxy for git in Settings (for example https://cors.isomorphic-git.org), or use a GitHub repository.'
				)
			: new AppError(
					'unreachable',
					`Could not reach ${hostOf(url)}.`,
					'Check the URL and your connection.'
				);
	}
	return new AppError('git-error', `${failure.code}: ${failure.message ?? String(error)}`);
}

/** The connection arguments every isomorphic-git remote command takes. */
export function remoteArgs(url: string, remote: GitRemoteOptions) {
	return {
		http: remote.http,
		url,
		corsProxy: remote.corsProxy || undefined,
		onAuth: gitAuth(remote.token)
	};
}

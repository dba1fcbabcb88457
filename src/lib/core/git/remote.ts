// Smart-HTTP remotes through isomorphic-git: credentials and the failures a user can meet.
import * as git from 'isomorphic-git';
import type { HttpClient } from 'isomorphic-git';
import { decideCredential, type Credentials } from '../credentials/index.ts';
import { AppError, diagnoseNetworkFailure, hostOf } from '../http/index.ts';

/**
 * How a remote is reached: the HTTP client, the CORS proxy ('' for none) and the credentials
 * Settings holds — each request gets at most the one `credentialFor` gives its URL.
 */
export type GitRemoteOptions = { http: HttpClient; corsProxy: string; credentials: Credentials };

/**
 * isomorphic-git asks only when a host answers 401, with the URL it asked for (before the
 * proxy is put in front). The answer is that host's own credential — never another host's, and
 * through the proxy only where the user allowed it; with none the request fails as it stands.
 */
export function gitAuth(remote: Omit<GitRemoteOptions, 'http'>): git.AuthCallback {
	return (url) => {
		const { credential } = decideCredential(url, remote.credentials, {
			use: 'git',
			corsProxy: remote.corsProxy
		});
		return credential
			? { username: credential.username, password: credential.password }
			: undefined;
	};
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
		return authFailure(url, status, remote);
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
		onAuth: gitAuth(remote)
	};
}

/** A 401/403, explained by what was (or was not) offered to that host. */
function authFailure(url: string, status: number, remote: GitRemoteOptions): AppError {
	const host = hostOf(url);
	const decision = decideCredential(url, remote.credentials, {
		use: 'git',
		corsProxy: remote.corsProxy
	});
	if (decision.credential) {
		return new AppError(
			'unauthorized',
			`${host} refused the token saved for it (${status}).`,
			decision.credential.kind === 'github'
				? 'Check the GitHub token in Settings: it may be mistyped, expired or lack access.'
				: `Check the token for ${host} in Settings → Git hosts: it may be mistyped, expired or lack access.`
		);
	}
	if (decision.reason === 'proxy-not-allowed') {
		return new AppError(
			'auth-withheld',
			`${host} asks for credentials (${status}); its token is not sent through the CORS proxy.`,
			`To send it anyway, allow the proxy to carry the token for ${host} in Settings → Git hosts (the proxy then sees it).`
		);
	}
	return new AppError(
		'auth-required',
		`${host} asks for credentials (${status}).`,
		decision.reason === 'insecure'
			? `A token is only sent over https: use the https:// URL of ${host}.`
			: `The repository may be private: add a token for ${host} in Settings → Git hosts.`
	);
}

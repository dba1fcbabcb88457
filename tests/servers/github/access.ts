// Who the caller is and what they may do, answering the way GitHub answers: a bad token is 401
// everywhere, a private repo is invisible (404) to those who cannot read it, and writes need
// a token with the `repo` scope on a repository that is not archived.
import type { components } from '@octokit/openapi-types';
import type { Repo, TokenInfo, Viewer } from './context.ts';
import { ApiError } from './errors.ts';

type Permissions = NonNullable<components['schemas']['full-repository']['permissions']>;

function tokenFrom(header: string): string | null {
	const match = /^(bearer|token|basic)\s+(\S+)\s*$/i.exec(header);
	if (!match?.[1] || !match[2]) return null;
	if (match[1].toLowerCase() !== 'basic') return match[2];
	// git clients send the token as the Basic password (user:token).
	const decoded = Buffer.from(match[2], 'base64').toString('utf8');
	return decoded.slice(decoded.indexOf(':') + 1) || null;
}

/** The caller, null without an Authorization header; a token we do not know is 401. */
export function identify(
	header: string | undefined,
	tokens: Record<string, TokenInfo>
): Viewer | null {
	if (!header) return null;
	const token = tokenFrom(header);
	const info = token === null ? undefined : tokens[token];
	if (token === null || !info) throw new ApiError(401, 'Bad credentials');
	return {
		token,
		login: info.login,
		scopes: info.scopes ?? ['repo'],
		readOnly: info.readOnly ?? false
	};
}

function hasRepoScope(viewer: Viewer, repo: Repo): boolean {
	return (
		viewer.scopes.includes('repo') ||
		(!repo.options.private && viewer.scopes.includes('public_repo'))
	);
}

export function canRead(viewer: Viewer | null, repo: Repo): boolean {
	if (!repo.options.private) return true;
	return viewer !== null && viewer.scopes.includes('repo');
}

export function assertCanWrite(viewer: Viewer | null, repo: Repo): void {
	if (!viewer) throw new ApiError(401, 'Requires authentication');
	if (repo.options.archived) throw new ApiError(403, 'Repository was archived so is read-only.');
	if (viewer.readOnly || !hasRepoScope(viewer, repo)) {
		throw new ApiError(403, 'Resource not accessible by personal access token');
	}
}

/** The `permissions` block of a repository; GitHub leaves it out for anonymous callers. */
export function permissionsFor(viewer: Viewer | null, repo: Repo): Permissions | undefined {
	if (!viewer) return undefined;
	const push = !viewer.readOnly && hasRepoScope(viewer, repo);
	const admin = push && viewer.login === repo.owner;
	return { admin, maintain: admin, push, triage: push, pull: true };
}

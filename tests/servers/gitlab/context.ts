// One API request as the routes see it: who asks (from `Authorization: Bearer` or
// `PRIVATE-TOKEN`), the project it names, its query and JSON body.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { privateMarker } from '../git.ts';
import { forbidden, insufficientScope, notFound, unauthorized } from './errors.ts';
import type { GitLabState, GitLabToken, Project } from './state.ts';

export type Viewer = GitLabToken & { token: string };

export type ApiContext = {
	state: GitLabState;
	viewer: Viewer | null;
	query: URLSearchParams;
	body: Record<string, unknown>;
};

export type ProjectContext = ApiContext & { project: Project };

/** The token's owner; a token the peer does not know is a 401, as at GitLab. */
export function identify(state: GitLabState, headers: Record<string, unknown>): Viewer | null {
	const bearer = /^Bearer\s+(\S+)$/i.exec(String(headers.authorization ?? ''))?.[1];
	const token = bearer ?? (headers['private-token'] as string | undefined);
	if (!token) return null;
	const known = state.tokens[token];
	if (!known) throw unauthorized();
	return { ...known, token };
}

async function isPrivate(project: Project): Promise<boolean> {
	try {
		await readFile(join(project.gitDir, privateMarker));
		return true;
	} catch {
		return false;
	}
}

/** Reading: anyone for a public project; a token with `read_api` or `api` for a private one. */
export async function assertCanRead(ctx: ProjectContext): Promise<void> {
	const { viewer } = ctx;
	if (!(await isPrivate(ctx.project))) return;
	if (!viewer) throw notFound('404 Project Not Found');
	if (!viewer.scopes.some((s) => s === 'api' || s === 'read_api')) throw insufficientScope('api');
}

/** Writing takes a token with the `api` scope. */
export function assertCanWrite(ctx: ProjectContext): Viewer {
	if (!ctx.viewer) throw unauthorized();
	if (!ctx.viewer.scopes.includes('api')) {
		if (ctx.viewer.scopes.includes('read_api')) throw insufficientScope('api');
		throw forbidden();
	}
	return ctx.viewer;
}

export async function projectVisibility(project: Project): Promise<'private' | 'public'> {
	return (await isPrivate(project)) ? 'private' : 'public';
}

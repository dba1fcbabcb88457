// Routes an /api/v4 request: the user endpoints, then /projects/:id/… where :id is the
// URL-encoded full path (`group%2Fsub%2Frepo`) or the numeric id, as GitLab accepts both.
import type { IncomingMessage } from 'node:http';
import { readJson } from '../http-common.ts';
import { identify, type ApiContext, type ProjectContext } from './context.ts';
import { GitLabError, notFound, unauthorized } from './errors.ts';
import { getArchive } from './routes-archive.ts';
import * as mrs from './routes-merge-requests.ts';
import * as repo from './routes-repository.ts';
import * as tree from './routes-tree.ts';
import type { Reply } from './routes-repository.ts';
import type { TokenReply, UserReply, VersionReply } from './shapes.ts';
import { findProject, type GitLabState } from './state.ts';

type Route = [
	method: string,
	pattern: RegExp,
	run: (ctx: ProjectContext, m: string[]) => Promise<Reply>
];

const routes: Route[] = [
	['GET', /^$/, (ctx) => repo.getProject(ctx)],
	['GET', /^\/repository\/branches$/, (ctx) => repo.listBranches(ctx)],
	['GET', /^\/repository\/branches\/(.+)$/, (ctx, m) => repo.getBranch(ctx, m[1]!)],
	['GET', /^\/repository\/commits\/([^/]+)$/, (ctx, m) => repo.getCommit(ctx, m[1]!)],
	['POST', /^\/repository\/commits$/, (ctx) => repo.createCommit(ctx)],
	['GET', /^\/repository\/compare$/, (ctx) => repo.compare(ctx)],
	['GET', /^\/repository\/files\/([^/]+)$/, (ctx, m) => repo.getFile(ctx, m[1]!)],
	['GET', /^\/repository\/tree$/, (ctx) => tree.listTree(ctx)],
	['GET', /^\/repository\/blobs\/([^/]+)\/raw$/, (ctx, m) => tree.rawBlob(ctx, m[1]!)],
	['GET', /^\/repository\/archive((?:\.[\w.]+)?)$/, (ctx, m) => getArchive(ctx, m[1]!.slice(1))],
	['GET', /^\/merge_requests$/, (ctx) => mrs.listMergeRequests(ctx)],
	['POST', /^\/merge_requests$/, (ctx) => mrs.createMergeRequest(ctx)],
	['GET', /^\/merge_requests\/(\d+)$/, (ctx, m) => mrs.getMergeRequest(ctx, Number(m[1]))],
	['PUT', /^\/merge_requests\/(\d+)$/, (ctx, m) => mrs.updateMergeRequest(ctx, Number(m[1]))]
];

async function user(ctx: ApiContext, path: string): Promise<Reply | null> {
	if (path === '/user') {
		if (!ctx.viewer) throw unauthorized();
		const { username } = ctx.viewer;
		const json = { id: 1, username, name: username, state: 'active' } satisfies UserReply;
		return { status: 200, json };
	}
	if (path === '/personal_access_tokens/self') {
		if (!ctx.viewer) throw unauthorized();
		return {
			status: 200,
			json: {
				id: 1,
				name: 'patchbay',
				active: true,
				revoked: false,
				scopes: ctx.viewer.scopes
			} satisfies TokenReply
		};
	}
	if (path === '/version')
		return {
			status: 200,
			json: { version: '17.0.0-peer', revision: 'peer' } satisfies VersionReply
		};
	return null;
}

/** The reply to `GET|POST|PUT /api/v4<path>`. */
export async function serveApi(state: GitLabState, req: IncomingMessage, url: URL): Promise<Reply> {
	try {
		const path = url.pathname.slice('/api/v4'.length);
		const method = req.method ?? 'GET';
		const body = method === 'GET' ? {} : await readJson<Record<string, unknown>>(req);
		const ctx: ApiContext = {
			state,
			viewer: identify(state, req.headers),
			query: url.searchParams,
			body
		};
		const own = await user(ctx, path);
		if (own) return own;
		// The raw path keeps %2F inside the id apart from the slashes between segments.
		const raw = /^\/api\/v4\/projects\/([^/]+)(.*)$/.exec(url.pathname);
		if (!raw) throw notFound('404 Not Found');
		const id = decodeURIComponent(raw[1]!);
		const byId = [...state.ids].find(([, n]) => String(n) === id)?.[0];
		const project = await findProject(state, byId ?? id);
		if (!project) throw notFound('404 Project Not Found');
		for (const [m, pattern, run] of routes) {
			const match = pattern.exec(raw[2]!);
			if (m === method && match) {
				return await run(
					{ ...ctx, project },
					match.slice(0).map((s, i) => (i ? decodeURIComponent(s) : s))
				);
			}
		}
		throw notFound('404 Not Found');
	} catch (error) {
		if (error instanceof GitLabError) return { status: error.status, json: error.body };
		throw error;
	}
}

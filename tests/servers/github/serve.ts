// One API request, start to finish: who is calling, which route, may they, run it, and GitHub's
// headers and error bodies on the way out.
import type { IncomingMessage } from 'node:http';
import { assertCanWrite, canRead, identify } from './access.ts';
import type { Context, Reply, ServerState, Viewer } from './context.ts';
import { ApiError, notFound } from './errors.ts';
import type { RateLimiter } from './rate-limit.ts';
import { assertHasCommits, findRepo } from './repos.ts';
import { matchRoute, type Match } from './router.ts';
import { routes } from './routes.ts';
import { readBody } from '../http-common.ts';

function bodyReader(req: IncomingMessage): () => Promise<unknown> {
	let parsed: Promise<unknown> | undefined;
	return () => {
		parsed ??= readBody(req).then((bytes) => {
			if (bytes.length === 0) return {};
			try {
				return JSON.parse(bytes.toString('utf8')) as unknown;
			} catch {
				throw new ApiError(400, 'Problems parsing JSON');
			}
		});
		return parsed;
	};
}

async function run(match: Match, ctx: Context): Promise<Reply> {
	const { route, params } = match;
	if (route.access === 'user') {
		if (!ctx.viewer) throw new ApiError(401, 'Requires authentication');
		return route.handle(ctx);
	}
	const repo = findRepo(ctx.state, params.owner ?? '', params.repo ?? '');
	// A private repository the caller cannot read does not exist, as far as GitHub says.
	if (!repo || !canRead(ctx.viewer, repo)) throw notFound();
	if (route.access === 'write') assertCanWrite(ctx.viewer, repo);
	if (route.needsCommits) await assertHasCommits(repo);
	return route.handle({ ...ctx, repo });
}

function apiHeaders(viewer: Viewer | null, rateLimit: RateLimiter): Record<string, string> {
	return {
		...rateLimit(viewer?.login ?? null),
		...(viewer ? { 'x-oauth-scopes': viewer.scopes.join(', ') } : {}),
		'x-github-media-type': 'github.v3; format=json',
		'x-github-api-version-selected': '2022-11-28'
	};
}

/** Answers one request; only bugs throw (and become a 500 in http-common). */
export async function serve(
	state: ServerState,
	rateLimit: RateLimiter,
	req: IncomingMessage,
	url: URL
): Promise<Reply> {
	const match = matchRoute(routes, req.method ?? 'GET', url.pathname);
	const plain = match?.route.access === 'read' && match.route.plainErrors;
	let viewer: Viewer | null = null;
	try {
		viewer = identify(req.headers.authorization, state.tokens);
		if (!match) throw notFound();
		const ctx: Context = {
			base: `http://${req.headers.host ?? url.host}`,
			pathname: url.pathname,
			query: url.searchParams,
			params: match.params,
			viewer,
			state,
			body: bodyReader(req)
		};
		const reply = await run(match, ctx);
		return plain
			? reply
			: { ...reply, headers: { ...apiHeaders(viewer, rateLimit), ...reply.headers } };
	} catch (error) {
		if (!(error instanceof ApiError)) throw error;
		if (plain) {
			const bytes = Buffer.from(`${error.status}: ${error.message}`);
			return {
				status: error.status,
				bytes,
				headers: { 'content-type': 'text/plain; charset=utf-8' }
			};
		}
		return { status: error.status, json: error.body, headers: apiHeaders(viewer, rateLimit) };
	}
}

// Route declarations and matching. A route says how much access it needs; the request handler
// enforces that before the route runs, so routes only do their own job.
import type { Context, RepoContext, Reply } from './context.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export type Route =
	| { method: Method; pattern: RegExp; access: 'user'; handle: (ctx: Context) => Promise<Reply> }
	| {
			method: Method;
			pattern: RegExp;
			access: 'read' | 'write';
			/** Git-data routes answer 409 on a repository without commits, as GitHub's do. */
			needsCommits: boolean;
			/** raw.githubusercontent.com answers errors in plain text, not JSON. */
			plainErrors: boolean;
			handle: (ctx: RepoContext) => Promise<Reply>;
	  };

type RepoRouteOptions = { needsCommits?: boolean; prefix?: string; plainErrors?: boolean };

/** A route under `/repos/{owner}/{repo}`; `suffix` is a regex source with named groups. */
export function repoRoute(
	method: Method,
	suffix: string,
	access: 'read' | 'write',
	handle: (ctx: RepoContext) => Promise<Reply>,
	options: RepoRouteOptions = {}
): Route {
	const prefix = options.prefix ?? '/repos';
	return {
		method,
		pattern: new RegExp(`^${prefix}/(?<owner>[^/]+)/(?<repo>[^/]+)${suffix}$`),
		access,
		needsCommits: options.needsCommits ?? false,
		plainErrors: options.plainErrors ?? false,
		handle
	};
}

export type Match = { route: Route; params: Record<string, string> };

/** The route for `method` and the still-encoded `pathname`, with its decoded parameters. */
export function matchRoute(routes: Route[], method: string, pathname: string): Match | null {
	const wanted = method === 'HEAD' ? 'GET' : method;
	for (const route of routes) {
		if (route.method !== wanted) continue;
		const found = route.pattern.exec(pathname);
		if (!found) continue;
		const params: Record<string, string> = {};
		try {
			for (const [name, value] of Object.entries(found.groups ?? {})) {
				params[name] = decodeURIComponent(value ?? '');
			}
		} catch {
			return null;
		}
		return { route, params };
	}
	return null;
}

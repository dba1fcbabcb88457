// A GitLab (API v4) stand-in over bare repos at `<root>/<group>/[<sub>/…]<name>.git`, driving
// the real `git` so a test can check a push with `git` itself. It also serves the repos over
// smart HTTP (`/<group>/<sub>/<name>.git`, with or without `.git`, like gitlab.com), so a
// checkout needs no other peer. The repository archive is the real `git archive` (see
// gitlab/routes-archive.ts), and `damageArchives` sends the next ones broken. GitLab publishes no
// OpenAPI description on npm that covers these endpoints; the JSON bodies are typed against
// @gitbeaker/core's schemas (the maintained TypeScript client of API v4) in gitlab/shapes.ts,
// checked by `npm run check` and tests/unit/servers/gitlab-shapes.test.ts. Run it for a
// browser test:
//   node tests/servers/gitlab.ts --root DIR [--port N] [--token T --login L --scopes api]
import { setTimeout as sleep } from 'node:timers/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { runBackend } from './git.ts';
import { archiveDamages, damageArchive, type ArchiveDamage } from './gitlab/archive-damage.ts';
import { createFaults, type Faults, type FaultSpec } from './github/faults.ts';
import { identify } from './gitlab/context.ts';
import { serveGitLabIssue } from './gitlab/routes-issues.ts';
import { serveApi } from './gitlab/serve.ts';
import {
	findProject,
	type GitLabState,
	type GitLabToken,
	type MergeRequest
} from './gitlab/state.ts';
import { argValue, isMain, listen, readJson, sendJson } from './http-common.ts';

export type { GitLabToken, MergeRequest };
/** A request as the peer saw it, with the Authorization header it carried (tests check where tokens go). */
export type RequestLogEntry = {
	method: string;
	path: string;
	status: number;
	authorization?: string;
};

export type GitLabServerOptions = {
	root: string;
	port?: number;
	tokens?: Record<string, GitLabToken>;
};

export type GitLabServer = {
	url: string;
	requests: RequestLogEntry[];
	faults: Faults;
	/**
	 * The next `times` repository archives are sent damaged (cut short, gzip corrupted, a tar
	 * header broken); status and headers stay a success's, as a proxy cutting a download would.
	 */
	damageArchives(damage: ArchiveDamage, times?: number): void;
	/** Branch patterns (`patchbay/*`) of `project` nobody may push to. */
	protect(project: string, patterns: string[]): void;
	mergeRequests(project: string): MergeRequest[];
	close(): Promise<void>;
};

async function control(
	state: GitLabState,
	server: Pick<GitLabServer, 'faults' | 'requests' | 'protect' | 'damageArchives'>,
	req: IncomingMessage,
	res: ServerResponse,
	path: string
): Promise<void> {
	const request = `${req.method} ${path}`;
	if (request === 'POST /_control/faults') {
		const spec = await readJson<FaultSpec>(req);
		if (typeof spec.pathPattern !== 'string') return sendJson(res, 400, { message: 'pathPattern' });
		server.faults.failNext(spec);
		return sendJson(res, 201, { pending: server.faults.pending() });
	}
	if (request === 'DELETE /_control/faults')
		return void (server.faults.clear(), res.writeHead(204).end());
	if (request === 'POST /_control/archive-damage') {
		const body = await readJson<{ damage?: ArchiveDamage; times?: number }>(req);
		if (!body.damage || !archiveDamages.includes(body.damage))
			return sendJson(res, 400, { message: `damage: one of ${archiveDamages.join(', ')}` });
		server.damageArchives(body.damage, body.times);
		return void res.writeHead(204).end();
	}
	if (request === 'GET /_control/requests') return sendJson(res, 200, server.requests);
	if (request === 'DELETE /_control/requests') {
		server.requests.length = 0;
		return void res.writeHead(204).end();
	}
	if (request === 'POST /_control/protect') {
		const body = await readJson<{ project?: string; patterns?: string[] }>(req);
		if (!body.project || !Array.isArray(body.patterns))
			return sendJson(res, 400, { message: '{project, patterns}' });
		server.protect(body.project, body.patterns);
		return void res.writeHead(204).end();
	}
	if (request === 'GET /_control/merge-requests') {
		const project = new URL(req.url ?? '', 'http://x').searchParams.get('project') ?? '';
		return sendJson(res, 200, state.mergeRequests.get(project) ?? []);
	}
	sendJson(res, 404, { message: 'Not Found' });
}

/** Smart HTTP for `/<path>[.git]/info/refs|git-upload-pack|git-receive-pack`. */
async function serveGit(state: GitLabState, req: IncomingMessage, res: ServerResponse, url: URL) {
	const match = /^\/(.+?)(?:\.git)?(\/(?:info\/refs|git-upload-pack|git-receive-pack))$/.exec(
		url.pathname
	);
	const project = match ? await findProject(state, match[1]!) : null;
	if (!match || !project) return sendJson(res, 404, { message: 'Not Found' });
	// Basic auth with a token as the password, as GitLab takes it (any user name).
	const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
	const password = basic
		? Buffer.from(basic, 'base64').toString('utf8').split(':').slice(1).join(':')
		: '';
	const viewer = password ? state.tokens[password] : undefined;
	if (password && !viewer)
		return void res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="GitLab"' }).end();
	const backendUrl = new URL(url.href);
	backendUrl.pathname = `/${project.path}.git${match[2]}`;
	await runBackend(state.root, req, res, backendUrl, viewer?.username ?? '');
}

export async function startGitLabServer(options: GitLabServerOptions): Promise<GitLabServer> {
	const state: GitLabState = {
		root: options.root,
		url: '',
		tokens: options.tokens ?? {},
		protectedBranches: new Map(),
		mergeRequests: new Map(),
		ids: new Map()
	};
	const damages: ArchiveDamage[] = [];
	const server = {
		faults: createFaults(),
		damageArchives: (damage: ArchiveDamage, times = 1) =>
			void damages.push(...Array<ArchiveDamage>(times).fill(damage)),
		requests: [] as RequestLogEntry[],
		protect: (project: string, patterns: string[]) =>
			void state.protectedBranches.set(project, patterns)
	};
	const running = await listen(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (url.pathname.startsWith('/_control/'))
			return control(state, server, req, res, url.pathname);
		const method = req.method ?? 'GET';
		const path = url.pathname + url.search;
		const authorization = req.headers.authorization;
		res.on('finish', () =>
			server.requests.push({ method, path, status: res.statusCode, authorization })
		);
		const fault = server.faults.take(method, path);
		if (fault) {
			await sleep(fault.delayMs);
			if (fault.status !== undefined) return sendJson(res, fault.status, fault.body, fault.headers);
		}
		if (!url.pathname.startsWith('/api/v4/')) return serveGit(state, req, res, url);
		try {
			identify(state, req.headers);
		} catch {
			return sendJson(res, 401, { message: '401 Unauthorized' });
		}
		// Issues (and their notes), seeded beside the repo by a test: gitlab/routes-issues.ts.
		const issue = await serveGitLabIssue(state, req, url);
		if (issue) return sendJson(res, issue.status, issue.json);
		const reply = await serveApi(state, req, url);
		const damage = /\/repository\/archive/.test(url.pathname) && reply.status === 200;
		if (reply.bytes && damage && damages.length)
			reply.bytes = damageArchive(reply.bytes, damages.shift()!);
		if (reply.bytes) {
			const type = { 'Content-Type': 'text/plain; charset=utf-8' };
			return void res.writeHead(reply.status, { ...type, ...reply.headers }).end(reply.bytes);
		}
		sendJson(res, reply.status, reply.json, reply.headers);
	}, options.port ?? 0);
	state.url = running.url;
	return {
		url: running.url,
		...server,
		mergeRequests: (project) => state.mergeRequests.get(project) ?? [],
		close: running.close
	};
}

if (isMain(import.meta.url)) {
	const argv = process.argv.slice(2);
	const root = argValue(argv, 'root');
	if (!root) {
		console.error(
			'usage: node tests/servers/gitlab.ts --root DIR [--port N] [--token T --login L --scopes api]'
		);
		process.exit(2);
	}
	const token = argValue(argv, 'token');
	const server = await startGitLabServer({
		root,
		port: Number(argValue(argv, 'port') ?? 0),
		tokens: token
			? {
					[token]: {
						username: argValue(argv, 'login') ?? 'gitlab-user',
						scopes: (argValue(argv, 'scopes') ?? 'api').split(',')
					}
				}
			: {}
	});
	console.log(server.url);
}

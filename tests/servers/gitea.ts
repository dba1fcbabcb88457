// A Gitea/Forgejo (API v1) stand-in over bare repos at `<root>/<owner>/<repo>.git`, serving them
// over smart HTTP too (a token as the Basic password; pushing takes write:repository). Its JSON
// bodies are typed against Gitea's and Forgejo's published API descriptions (gitea/shapes.ts:
// the types gitea-js and @llamaduck/forgejo-ts generate from their swagger), checked by
// `npm run check` and tests/unit/servers/gitea-shapes.test.ts. Run it:
//   node tests/servers/gitea.ts --root DIR [--port N] [--token T --login L]
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runBackend } from './git.ts';
import { createFaults, type Faults } from './github/faults.ts';
import { serveGiteaIssue } from './gitea/routes-issues.ts';
import { serveGiteaApi, type GiteaPull, type GiteaState, type GiteaToken } from './gitea/routes.ts';
import { argValue, isMain, listen, readJson, sendJson } from './http-common.ts';

export type { GiteaPull, GiteaToken };
export type GiteaServer = {
	url: string;
	requests: { method: string; path: string; status: number }[];
	faults: Faults;
	pulls(repo: string): GiteaPull[];
	close(): Promise<void>;
};

async function serveGit(state: GiteaState, req: IncomingMessage, res: ServerResponse, url: URL) {
	const match =
		/^\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?(\/(?:info\/refs|git-upload-pack|git-receive-pack))$/.exec(
			url.pathname
		);
	if (!match) return sendJson(res, 404, { message: 'Not Found' });
	const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
	const password = basic
		? Buffer.from(basic, 'base64').toString('utf8').split(':').slice(1).join(':')
		: '';
	const viewer = password ? state.tokens[password] : undefined;
	const pushing =
		url.pathname.endsWith('git-receive-pack') ||
		url.searchParams.get('service') === 'git-receive-pack';
	if (pushing && !viewer?.scopes.includes('write:repository')) {
		return void res
			.writeHead(viewer ? 403 : 401, { 'WWW-Authenticate': 'Basic realm="Gitea"' })
			.end();
	}
	const backendUrl = new URL(url.href);
	backendUrl.pathname = `/${match[1]}/${match[2]}.git${match[3]}`;
	await runBackend(state.root, req, res, backendUrl, viewer?.login ?? '');
}

/**
 * A protected branch as Gitea enforces it on a push: its pre-receive hook refuses refs matching
 * `pattern` (a shell glob), saying so as Gitea does.
 */
async function protectBranches(gitDir: string, pattern: string): Promise<void> {
	await mkdir(join(gitDir, 'hooks'), { recursive: true });
	const hook = join(gitDir, 'hooks', 'pre-receive');
	const script = [
		'#!/bin/sh',
		'while read old new ref; do',
		'  case "${ref#refs/heads/}" in',
		`    ${pattern}) echo "Gitea: branch \${ref#refs/heads/} is protected" >&2; exit 1 ;;`,
		'  esac',
		'done'
	].join('\n');
	await writeFile(hook, `${script}\n`);
	await chmod(hook, 0o755);
}

export async function startGiteaServer(options: {
	root: string;
	port?: number;
	tokens?: Record<string, GiteaToken>;
}): Promise<GiteaServer> {
	const state: GiteaState = {
		root: options.root,
		url: '',
		tokens: options.tokens ?? {},
		pulls: new Map()
	};
	const faults = createFaults();
	const requests: GiteaServer['requests'] = [];
	const running = await listen(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		const method = req.method ?? 'GET';
		const path = url.pathname + url.search;
		if (url.pathname === '/_control/protect' && req.method === 'POST') {
			const body = await readJson<{ repo?: string; pattern?: string }>(req);
			if (!body.repo || !body.pattern || !/^[\w./*-]+$/.test(body.pattern + body.repo)) {
				return sendJson(res, 400, { message: '{repo, pattern}' });
			}
			await protectBranches(join(state.root, `${body.repo}.git`), body.pattern);
			return void res.writeHead(204).end();
		}
		if (url.pathname === '/_control/pulls')
			return sendJson(res, 200, state.pulls.get(url.searchParams.get('repo') ?? '') ?? []);
		res.on('finish', () => requests.push({ method, path, status: res.statusCode }));
		const fault = faults.take(method, path);
		if (fault) {
			await sleep(fault.delayMs);
			if (fault.status !== undefined) return sendJson(res, fault.status, fault.body, fault.headers);
		}
		if (!url.pathname.startsWith('/api/v1/')) return serveGit(state, req, res, url);
		// Issues (and their comments), seeded beside the repo by a test: gitea/routes-issues.ts.
		const issue = await serveGiteaIssue(state, req, url);
		if (issue) return sendJson(res, issue.status, issue.json);
		const reply = await serveGiteaApi(state, req, url);
		sendJson(res, reply.status, reply.json);
	}, options.port ?? 0);
	state.url = running.url;
	return {
		url: running.url,
		requests,
		faults,
		pulls: (repo) => state.pulls.get(repo) ?? [],
		close: running.close
	};
}

if (isMain(import.meta.url)) {
	const argv = process.argv.slice(2);
	const root = argValue(argv, 'root');
	if (!root) {
		console.error('usage: node tests/servers/gitea.ts --root DIR [--port N] [--token T --login L]');
		process.exit(2);
	}
	const token = argValue(argv, 'token');
	const server = await startGiteaServer({
		root,
		port: Number(argValue(argv, 'port') ?? 0),
		tokens: token
			? {
					[token]: { login: argValue(argv, 'login') ?? 'gitea-user', scopes: ['write:repository'] }
				}
			: {}
	});
	console.log(server.url);
}

// A GitHub REST API stand-in over bare repositories at `<root>/<owner>/<repo>.git`, driving the
// real `git` so a test can check a push with `git` itself. Run it for a browser test:
//   node tests/servers/github.ts --port 0 --root DIR [--token T --login L --scopes repo,workflow]
// prints its URL as the only line on stdout and serves until killed.
import { setTimeout as sleep } from 'node:timers/promises';
import { argValue, isMain, listen, sendJson, type Handler } from './http-common.ts';
import type { RepoOptions, ServerState, TokenInfo } from './github/context.ts';
import { handleControl, type Controls, type RequestLogEntry } from './github/control.ts';
import { createFaults, type Faults } from './github/faults.ts';
import { IssueStore, type NewIssue } from './github/issue-store.ts';
import { PullStore } from './github/pull-store.ts';
import { createRateLimiter } from './github/rate-limit.ts';
import { repoKey } from './github/repos.ts';
import { serve } from './github/serve.ts';

export type { FaultSpec } from './github/faults.ts';
export type { NewIssue } from './github/issue-store.ts';
export type { RepoOptions, TokenInfo, RequestLogEntry, Faults };

export type GitHubServerOptions = {
	root: string;
	port?: number;
	tokens?: Record<string, TokenInfo>;
};

export type GitHubServer = {
	url: string;
	close(): Promise<void>;
	/** Every API and raw request served, in order; tests may count or clear it. */
	requests: RequestLogEntry[];
	faults: Faults;
	/** Merges `options` into the repository's current options. */
	setRepoOptions(owner: string, repo: string, options: RepoOptions): void;
	/** Opens an issue; returns its number. */
	addIssue(owner: string, repo: string, fields: NewIssue): number;
};

function createHandler(state: ServerState, controls: Controls): Handler {
	const rateLimit = createRateLimiter();
	return async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (url.pathname.startsWith('/_control/'))
			return handleControl(controls, req, res, url.pathname);
		const method = req.method ?? 'GET';
		const path = url.pathname + url.search;
		res.on('finish', () => controls.requests.push({ method, path, status: res.statusCode }));
		const fault = controls.faults.take(method, path);
		if (fault) {
			await sleep(fault.delayMs);
			if (fault.status !== undefined) return sendJson(res, fault.status, fault.body, fault.headers);
		}
		const reply = await serve(state, rateLimit, req, url);
		if (reply.bytes) res.writeHead(reply.status, reply.headers).end(reply.bytes);
		else if (reply.json !== undefined) sendJson(res, reply.status, reply.json, reply.headers);
		else res.writeHead(reply.status, reply.headers).end();
	};
}

export async function startGitHubServer(options: GitHubServerOptions): Promise<GitHubServer> {
	const state: ServerState = {
		root: options.root,
		tokens: options.tokens ?? {},
		repoOptions: new Map(),
		pulls: new PullStore(),
		issues: new IssueStore()
	};
	const controls: Controls = {
		faults: createFaults(),
		requests: [],
		setRepoOptions(owner, repo, repoOptions) {
			const key = repoKey(owner, repo);
			state.repoOptions.set(key, { ...state.repoOptions.get(key), ...repoOptions });
		},
		addIssue: (owner, repo, fields) => state.issues.add(repoKey(owner, repo), fields).number
	};
	const running = await listen(createHandler(state, controls), options.port ?? 0);
	return { url: running.url, close: running.close, ...controls };
}

if (isMain(import.meta.url)) {
	const argv = process.argv.slice(2);
	const root = argValue(argv, 'root');
	if (!root) {
		console.error(
			'usage: node tests/servers/github.ts --root DIR [--port N] [--token T --login L --scopes a,b]'
		);
		process.exit(2);
	}
	const token = argValue(argv, 'token');
	const login = argValue(argv, 'login') ?? 'octocat';
	const scopes = argValue(argv, 'scopes')?.split(',');
	const server = await startGitHubServer({
		root,
		port: Number(argValue(argv, 'port') ?? 0),
		tokens: token ? { [token]: { login, scopes } } : {}
	});
	console.log(server.url);
	const stop = () => void server.close().then(() => process.exit(0));
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}

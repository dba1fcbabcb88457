// Gitea API v1 over bare repos at `<root>/<owner>/<repo>.git`: the repository, its branches,
// pull requests (in memory) and `/user`. Each body `satisfies` a type in ./shapes.ts, typed
// against Gitea's swagger (gitea-js) and Forgejo's (@llamaduck/forgejo-ts), so `npm run check`
// fails on a field renamed, mistyped or dropped; tests/unit/servers/gitea-shapes.test.ts checks
// the answers against the fields Patchbay reads.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { defaultBranch, listRefs } from '../github/git-objects.ts';
import { readJson } from '../http-common.ts';
import type {
	BranchReply,
	ErrorReply,
	PullRequestReply,
	RepositoryReply,
	UserReply
} from './shapes.ts';

export type GiteaToken = { login: string; scopes: string[] };
export type GiteaPull = {
	number: number;
	title: string;
	body: string;
	head: string;
	base: string;
	state: 'open' | 'closed';
	updatedCount: number;
};
export type GiteaState = {
	root: string;
	url: string;
	tokens: Record<string, GiteaToken>;
	pulls: Map<string, GiteaPull[]>;
};
export type Reply = { status: number; json: unknown };

const NAME = /^[A-Za-z0-9_.-]+$/;
const fail = (status: number, message: string): Reply => ({
	status,
	json: { message, url: 'https://gitea.example/api/swagger' } satisfies ErrorReply
});

async function exists(dir: string): Promise<boolean> {
	try {
		return (await stat(dir)).isDirectory();
	} catch {
		return false;
	}
}

function pullJson(state: GiteaState, repo: string, p: GiteaPull) {
	return {
		id: p.number,
		number: p.number,
		html_url: `${state.url}/${repo}/pulls/${p.number}`,
		title: p.title,
		body: p.body,
		state: p.state,
		head: { ref: p.head, label: p.head },
		base: { ref: p.base, label: p.base }
	} satisfies PullRequestReply;
}

/** The reply to `/api/v1<path>`, or a Gitea error. */
export async function serveGiteaApi(
	state: GiteaState,
	req: IncomingMessage,
	url: URL
): Promise<Reply> {
	const method = req.method ?? 'GET';
	const header = req.headers.authorization ?? '';
	const token = /^token\s+(\S+)$/i.exec(header)?.[1] ?? /^Bearer\s+(\S+)$/i.exec(header)?.[1];
	const viewer = token ? state.tokens[token] : undefined;
	if (token && !viewer) return fail(401, 'user does not exist');
	const path = url.pathname.slice('/api/v1'.length);
	if (path === '/user')
		return viewer
			? {
					status: 200,
					json: { id: 1, login: viewer.login, username: viewer.login } satisfies UserReply
				}
			: fail(401, 'token is required');
	const match = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path);
	if (!match) return fail(404, 'not found');
	const [owner, name] = [decodeURIComponent(match[1]!), decodeURIComponent(match[2]!)];
	const rest = match[3] ?? '';
	const gitDir = join(state.root, owner, `${name}.git`);
	if (!NAME.test(owner) || !NAME.test(name) || !(await exists(gitDir)))
		return fail(404, "The target couldn't be found.");
	const repo = `${owner}/${name}`;
	const needs = (scope: 'read' | 'write') => {
		if (scope === 'read') return null;
		if (!viewer) return fail(401, 'token is required');
		return viewer.scopes.includes('write:repository')
			? null
			: fail(403, 'token does not have at least one of required scope(s): [write:repository]');
	};
	const branches = async () =>
		(await listRefs(gitDir))
			.filter((r) => r.ref.startsWith('refs/heads/'))
			.map((r) => ({ name: r.ref.slice(11), commit: { id: r.sha } }) satisfies BranchReply);
	if (method === 'GET' && rest === '') {
		return {
			status: 200,
			json: {
				id: 1,
				name,
				full_name: repo,
				owner: { login: owner },
				private: false,
				empty: (await branches()).length === 0,
				default_branch: await defaultBranch(gitDir),
				html_url: `${state.url}/${repo}`,
				clone_url: `${state.url}/${repo}.git`
			} satisfies RepositoryReply
		};
	}
	if (method === 'GET' && rest === '/branches') {
		const limit = Number(url.searchParams.get('limit') ?? 30);
		const page = Number(url.searchParams.get('page') ?? 1);
		return { status: 200, json: (await branches()).slice((page - 1) * limit, page * limit) };
	}
	const branch = /^\/branches\/(.+)$/.exec(rest);
	if (method === 'GET' && branch) {
		const found = (await branches()).find((b) => b.name === decodeURIComponent(branch[1]!));
		return found ? { status: 200, json: found } : fail(404, 'Branch not found');
	}
	const pulls = state.pulls.get(repo) ?? [];
	state.pulls.set(repo, pulls);
	if (method === 'GET' && rest === '/pulls') {
		const open = pulls.filter(
			(p) => (url.searchParams.get('state') ?? 'open') === 'all' || p.state === 'open'
		);
		return { status: 200, json: open.map((p) => pullJson(state, repo, p)).reverse() };
	}
	if (method === 'POST' && rest === '/pulls') {
		const denied = needs('write');
		if (denied) return denied;
		const body = await readJson<Record<string, string>>(req);
		const names = (await branches()).map((b) => b.name);
		if (!names.includes(body.head ?? '') || !names.includes(body.base ?? ''))
			return fail(404, 'branch not found');
		if (pulls.some((p) => p.state === 'open' && p.head === body.head && p.base === body.base)) {
			return fail(409, 'pull request already exists for these targets');
		}
		const pull: GiteaPull = {
			number: pulls.length + 1,
			title: body.title ?? '',
			body: body.body ?? '',
			head: body.head!,
			base: body.base!,
			state: 'open',
			updatedCount: 0
		};
		pulls.push(pull);
		return { status: 201, json: pullJson(state, repo, pull) };
	}
	const one = /^\/pulls\/(\d+)$/.exec(rest);
	if (method === 'PATCH' && one) {
		const denied = needs('write');
		if (denied) return denied;
		const pull = pulls.find((p) => p.number === Number(one[1]));
		if (!pull) return fail(404, 'pull request does not exist');
		const body = await readJson<Record<string, string>>(req);
		if (typeof body.title === 'string') pull.title = body.title;
		if (typeof body.body === 'string') pull.body = body.body;
		pull.updatedCount += 1;
		return { status: 201, json: pullJson(state, repo, pull) };
	}
	return fail(404, 'not found');
}

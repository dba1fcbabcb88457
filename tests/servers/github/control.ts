// Test-only routes under /_control/, for tests that drive the server from a browser: inject
// faults, read or reset the request log, change a repository's options. They need no token,
// are never logged and never fail by injection.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJson, sendJson } from '../http-common.ts';
import type { RepoOptions } from './context.ts';
import type { NewIssue } from './issue-store.ts';
import type { FaultSpec, Faults } from './faults.ts';

export type RequestLogEntry = { method: string; path: string; status: number };

export type Controls = {
	faults: Faults;
	requests: RequestLogEntry[];
	setRepoOptions(owner: string, repo: string, options: RepoOptions): void;
	/** Opens an issue as `fields.user` would; returns its number. */
	addIssue(owner: string, repo: string, fields: NewIssue): number;
};

type Json = Record<string, unknown>;

function isJson(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A fault from JSON, where the path pattern is a regular expression's source text. */
function faultFrom(value: unknown): FaultSpec | null {
	if (!isJson(value) || typeof value.pathPattern !== 'string') return null;
	const number = (key: string) =>
		typeof value[key] === 'number' ? (value[key] as number) : undefined;
	const headers = isJson(value.headers) ? (value.headers as Record<string, string>) : undefined;
	return {
		pathPattern: value.pathPattern,
		method: typeof value.method === 'string' ? value.method : undefined,
		status: number('status'),
		times: number('times'),
		delayMs: number('delayMs'),
		body: value.body,
		headers
	};
}

export async function handleControl(
	controls: Controls,
	req: IncomingMessage,
	res: ServerResponse,
	pathname: string
): Promise<void> {
	const request = `${req.method} ${pathname}`;
	if (request === 'POST /_control/faults') {
		const spec = faultFrom(await readJson(req));
		if (!spec) return sendJson(res, 400, { message: 'Send {pathPattern: string, status?, ...}' });
		controls.faults.failNext(spec);
		return sendJson(res, 201, { pending: controls.faults.pending() });
	}
	if (request === 'DELETE /_control/faults') {
		controls.faults.clear();
		return void res.writeHead(204).end();
	}
	if (request === 'GET /_control/requests') return sendJson(res, 200, controls.requests);
	if (request === 'DELETE /_control/requests') {
		controls.requests.length = 0;
		return void res.writeHead(204).end();
	}
	if (request === 'POST /_control/repo-options') {
		const body = await readJson(req);
		if (!isJson(body) || typeof body.owner !== 'string' || typeof body.repo !== 'string') {
			return sendJson(res, 400, { message: 'Send {owner, repo, options}' });
		}
		controls.setRepoOptions(body.owner, body.repo, isJson(body.options) ? body.options : {});
		return void res.writeHead(204).end();
	}
	if (request === 'POST /_control/issues') {
		const body = await readJson(req);
		const issue = isJson(body) && isJson(body.issue) ? (body.issue as NewIssue) : null;
		if (!isJson(body) || typeof body.owner !== 'string' || typeof body.repo !== 'string' || !issue)
			return sendJson(res, 400, {
				message: 'Send {owner, repo, issue: {title, user, body?, labels?, comments?}}'
			});
		if (typeof issue.title !== 'string' || typeof issue.user !== 'string')
			return sendJson(res, 400, { message: 'An issue needs a title and a user' });
		return sendJson(res, 201, { number: controls.addIssue(body.owner, body.repo, issue) });
	}
	sendJson(res, 404, { message: 'Not Found' });
}

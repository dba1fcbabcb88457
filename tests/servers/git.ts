// The git host peer: the real `git http-backend` (CGI) behind a small Node server, serving
// bare repos laid out as `<root>/<owner>/<repo>.git`. Clone, fetch and push are git's own
// smart-HTTP code; this file only translates HTTP to CGI and back, and can stand in for a
// private repo (HTTP Basic) or for a host that refuses CORS.
import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { once } from 'node:events';
import { argValue, isMain, listen, sendJson } from './http-common.ts';

export type GitRequest = { method: string; path: string; service?: string };

export type GitServer = {
	url: string;
	/** Every request in arrival order, kept so tests can count round trips (e.g. upload-pack). */
	requests: GitRequest[];
	close(): Promise<void>;
};

export type GitServerOptions = { root: string; port?: number; cors?: boolean };

/** A repo is private when this file exists in it; its trimmed content is the password. */
export const privateMarker = 'patchbay-private';

const repoPath = /^\/([A-Za-z0-9._-]+)\/([A-Za-z0-9._-]+\.git)(\/.*)?$/;

// Server-side settings a real host has: anonymous push, and partial clone for native git.
const gitConfig: [string, string][] = [
	['http.receivepack', 'true'],
	['uploadpack.allowFilter', 'true']
];

export async function startGitServer(options: GitServerOptions): Promise<GitServer> {
	const requests: GitRequest[] = [];
	const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		requests.push(logEntry(req.method ?? 'GET', url));
		await serve(options.root, req, res, url);
	};
	const running = await listen(handler, options.port ?? 0, { cors: options.cors ?? true });
	return { url: running.url, requests, close: running.close };
}

function logEntry(method: string, url: URL): GitRequest {
	const fromQuery = url.searchParams.get('service');
	const fromPath = /\/(git-upload-pack|git-receive-pack)$/.exec(url.pathname)?.[1];
	const service = fromQuery ?? fromPath;
	return service ? { method, path: url.pathname, service } : { method, path: url.pathname };
}

async function serve(root: string, req: IncomingMessage, res: ServerResponse, url: URL) {
	const match = repoPath.exec(url.pathname);
	const owner = match?.[1];
	const repo = match?.[2];
	if (!owner || !repo || owner.startsWith('.') || repo.startsWith('.')) {
		sendJson(res, 404, { message: 'Not Found' });
		return;
	}
	const repoDir = join(root, owner, repo);
	if (!(await isDirectory(repoDir))) {
		sendJson(res, 404, { message: 'Not Found' });
		return;
	}
	const user = await authorise(repoDir, req.headers.authorization);
	if (user === false) {
		res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="patchbay"' }).end();
		return;
	}
	await runBackend(root, req, res, url, user);
}

async function isDirectory(path: string): Promise<boolean> {
	try {
		return (await stat(path)).isDirectory();
	} catch {
		return false;
	}
}

/** The Basic-auth user name (or '' for a public repo), or false when access is refused. */
async function authorise(repoDir: string, header: string | undefined): Promise<string | false> {
	let token: string;
	try {
		token = (await readFile(join(repoDir, privateMarker), 'utf8')).trim();
	} catch {
		return '';
	}
	const encoded = /^Basic\s+(\S+)$/i.exec(header ?? '')?.[1];
	if (!encoded) return false;
	const decoded = Buffer.from(encoded, 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0 || decoded.slice(colon + 1) !== token) return false;
	return decoded.slice(0, colon) || 'git';
}

/** Serves one smart-HTTP request with `git http-backend` over the repos under `root`. */
export async function runBackend(
	root: string,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
	user: string
): Promise<void> {
	const child = spawn('git', ['http-backend'], {
		env: backendEnv(root, req, url, user),
		stdio: ['pipe', 'pipe', 'pipe']
	});
	const stderr: Buffer[] = [];
	child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
	// http-backend may answer (403, 404) without reading the body; that is not our error.
	child.stdin.on('error', () => {});
	req.pipe(child.stdin);
	const exited = once(child, 'close');
	const head = await readCgiHead(child.stdout);
	if (!head) {
		await exited;
		const message = Buffer.concat(stderr).toString('utf8').trim() || 'git http-backend failed';
		sendJson(res, 500, { message });
		return;
	}
	res.writeHead(head.status, head.headers);
	try {
		// pipeline keeps backpressure, and tears both ends down if the client goes away.
		await pipeline(child.stdout, res);
	} catch {
		child.kill();
	}
	await exited;
}

function backendEnv(root: string, req: IncomingMessage, url: URL, user: string): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		// The host's own config must not change what the peer serves.
		GIT_CONFIG_NOSYSTEM: '1',
		GIT_CONFIG_GLOBAL: '/dev/null',
		GIT_PROJECT_ROOT: root,
		GIT_HTTP_EXPORT_ALL: '1',
		GATEWAY_INTERFACE: 'CGI/1.1',
		SERVER_PROTOCOL: `HTTP/${req.httpVersion}`,
		REQUEST_METHOD: req.method ?? 'GET',
		PATH_INFO: decodeURIComponent(url.pathname),
		QUERY_STRING: url.search.slice(1),
		CONTENT_TYPE: req.headers['content-type'] ?? '',
		REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
		GIT_CONFIG_COUNT: String(gitConfig.length)
	};
	gitConfig.forEach(([key, value], index) => {
		env[`GIT_CONFIG_KEY_${index}`] = key;
		env[`GIT_CONFIG_VALUE_${index}`] = value;
	});
	// Without a length http-backend reads to EOF, which is what a chunked push needs.
	const length = req.headers['content-length'];
	if (length) env.CONTENT_LENGTH = length;
	const protocol = req.headers['git-protocol'];
	if (typeof protocol === 'string') env.HTTP_GIT_PROTOCOL = protocol;
	const encoding = req.headers['content-encoding'];
	if (encoding) env.HTTP_CONTENT_ENCODING = encoding;
	if (user) env.REMOTE_USER = user;
	return env;
}

type CgiHead = { status: number; headers: Record<string, string> };

/**
 * Reads stdout up to the end of the CGI header block and leaves the body unread in the stream.
 * Undefined when the backend ended without writing one.
 */
function readCgiHead(stdout: Readable): Promise<CgiHead | undefined> {
	return new Promise((resolve, reject) => {
		let pending = Buffer.alloc(0);
		const onData = (chunk: Buffer) => {
			pending = Buffer.concat([pending, chunk]);
			const end = headerEnd(pending);
			if (!end) return;
			stop();
			stdout.pause();
			stdout.unshift(pending.subarray(end.at + end.length));
			resolve(parseCgiHeaders(pending.subarray(0, end.at).toString('latin1')));
		};
		const onEnd = () => {
			stop();
			resolve(undefined);
		};
		const stop = () => {
			stdout.off('data', onData).off('end', onEnd).off('error', reject);
		};
		stdout.on('data', onData).on('end', onEnd).on('error', reject);
	});
}

function headerEnd(buffer: Buffer): { at: number; length: number } | undefined {
	const crlf = buffer.indexOf('\r\n\r\n');
	const lf = buffer.indexOf('\n\n');
	if (crlf >= 0 && (lf < 0 || crlf < lf)) return { at: crlf, length: 4 };
	return lf >= 0 ? { at: lf, length: 2 } : undefined;
}

function parseCgiHeaders(block: string): CgiHead {
	let status = 200;
	const headers: Record<string, string> = {};
	for (const line of block.split(/\r?\n/)) {
		const colon = line.indexOf(':');
		if (colon <= 0) continue;
		const name = line.slice(0, colon).trim();
		const value = line.slice(colon + 1).trim();
		if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 500;
		else headers[name] = value;
	}
	return { status, headers };
}

if (isMain(import.meta.url)) {
	const root = argValue(process.argv, 'root');
	if (!root) {
		console.error('usage: node tests/servers/git.ts --root DIR [--port N] [--no-cors]');
		process.exit(2);
	}
	const server = await startGitServer({
		root,
		port: Number(argValue(process.argv, 'port') ?? 0),
		cors: !process.argv.includes('--no-cors')
	});
	console.log(server.url);
}

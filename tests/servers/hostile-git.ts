// A git host that always asks for credentials and writes down every request's headers: the
// stand-in for a host a link names, to show that no credential but its own ever reaches it.
// Behind it is the real git peer (`git http-backend`, ./git.ts): a request carrying this host's
// own token (HTTP Basic, any user name) is forwarded there; anything else is answered 401.
//   node tests/servers/hostile-git.ts --root DIR --token T [--port N]
// GET /_log lists what was received (never logged itself); DELETE /_log empties it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { forward, logRoute, type LoggedRequest } from './forward.ts';
import { startGitServer } from './git.ts';
import { argValue, isMain, listen, withCors } from './http-common.ts';

export type HostileGitServer = {
	url: string;
	/** Every request in arrival order, headers as received. */
	requests: LoggedRequest[];
	close(): Promise<void>;
};

export type HostileGitOptions = {
	root: string;
	/** The one password this host accepts; every other request gets a 401. */
	token: string;
	port?: number;
};

export async function startHostileGitServer(options: HostileGitOptions): Promise<HostileGitServer> {
	const backend = await startGitServer({ root: options.root });
	const requests: LoggedRequest[] = [];
	const answer = withCors(async (req, res) => {
		if (basicPassword(req.headers.authorization) !== options.token) {
			res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="hostile"' }).end();
			return;
		}
		await forward(req, res, new URL(req.url ?? '/', backend.url));
	});
	const handler = async (req: IncomingMessage, res: ServerResponse) => {
		const url = req.url ?? '/';
		if (url === '/_log') return logRoute(requests, req, res);
		// Logged before anything else, CORS preflights included.
		requests.push({ method: req.method ?? 'GET', url, headers: { ...req.headers } });
		await answer(req, res);
	};
	const running = await listen(handler, options.port ?? 0, { cors: false });
	return {
		url: running.url,
		requests,
		close: async () => {
			await Promise.all([running.close(), backend.close()]);
		}
	};
}

function basicPassword(header: string | undefined): string | null {
	const encoded = /^Basic\s+(\S+)$/i.exec(header ?? '')?.[1];
	if (!encoded) return null;
	const decoded = Buffer.from(encoded, 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	return colon < 0 ? null : decoded.slice(colon + 1);
}

if (isMain(import.meta.url)) {
	const root = argValue(process.argv, 'root');
	const token = argValue(process.argv, 'token');
	if (!root || !token) {
		console.error('usage: node tests/servers/hostile-git.ts --root DIR --token T [--port N]');
		process.exit(2);
	}
	const server = await startHostileGitServer({
		root,
		token,
		port: Number(argValue(process.argv, 'port') ?? 0)
	});
	console.log(server.url);
}

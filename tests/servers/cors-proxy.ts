// A CORS proxy the way cors.isomorphic-git.org works (`<proxy>/<host>/<path>` → the host), that
// writes down every request's headers: a proxy sees whatever passes through it, so the tests
// read its log to show what the app let it carry. It reaches only loopback hosts (over http),
// which is all a test has.
//   node tests/servers/cors-proxy.ts [--port N]
// GET /_log lists what was received (never logged itself); DELETE /_log empties it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { forward, logRoute, type LoggedRequest } from './forward.ts';
import { argValue, isMain, listen, sendJson, withCors } from './http-common.ts';

export type CorsProxy = { url: string; requests: LoggedRequest[]; close(): Promise<void> };

const LOOPBACK = /^(127\.0\.0\.1|localhost)(:\d+)?$/;

export async function startCorsProxy(port = 0): Promise<CorsProxy> {
	const requests: LoggedRequest[] = [];
	const answer = withCors(async (req, res) => {
		const target = targetOf(req.url ?? '/');
		if (!target) {
			sendJson(res, 400, { message: 'Use /<host:port>/<path> with a loopback host.' });
			return;
		}
		await forward(req, res, target);
	});
	const handler = async (req: IncomingMessage, res: ServerResponse) => {
		const url = req.url ?? '/';
		if (url === '/_log') return logRoute(requests, req, res);
		requests.push({ method: req.method ?? 'GET', url, headers: { ...req.headers } });
		await answer(req, res);
	};
	const running = await listen(handler, port, { cors: false });
	return { url: running.url, requests, close: running.close };
}

/** `/127.0.0.1:8080/o/r.git/info/refs?service=…` → `http://127.0.0.1:8080/o/r.git/info/refs?…`. */
function targetOf(path: string): URL | null {
	const match = /^\/([^/]+)(\/.*)?$/.exec(path);
	if (!match || !LOOPBACK.test(match[1]!)) return null;
	return new URL(`http://${match[1]}${match[2] ?? '/'}`);
}

if (isMain(import.meta.url)) {
	const proxy = await startCorsProxy(Number(argValue(process.argv, 'port') ?? 0));
	console.log(proxy.url);
}

// A stand-in for raw.githubusercontent.com in front of the GitHub peer: `/raw/<owner>/<repo>/<commit>/<path>`
// is answered from the generated trees held in memory (content never changes for a commit, which
// is why GitHub serves it from a CDN); every other request is passed to the peer unchanged. The
// peer itself runs `git` several times per raw request, which would make the REST figure a
// measure of process spawning on this machine rather than of the browser's checkout.
// With a certificate it speaks HTTP/2 over TLS, as raw.githubusercontent.com and the API do: over
// HTTP/1.1 Chromium opens at most six connections to a host and queues the rest, so a figure
// would measure that queue instead of the requests GitHub's hosts answer side by side.
import type { IncomingMessage, Server } from 'node:http';
import { createSecureServer } from 'node:http2';
import type { AddressInfo } from 'node:net';
import {
	listen,
	readBody,
	sendJson,
	withCors,
	type Handler,
	type RunningServer
} from '../tests/servers/http-common.ts';
import { repoName } from './fixture-repos.ts';
import { generateTree, type TreeSize } from './fixture-tree.ts';

export type RawCdnOptions = { tls?: { key: Buffer; cert: Buffer } };

export function startRawCdn(
	peerUrl: string,
	seed: number,
	options: RawCdnOptions = {}
): Promise<RunningServer> {
	const trees = new Map<string, Map<string, Uint8Array>>();
	const treeOf = (repo: string) => {
		const size = (['small', 'medium', 'large'] as TreeSize[]).find((s) => repoName(s) === repo);
		if (!size) return undefined;
		if (!trees.has(repo)) {
			trees.set(repo, new Map(generateTree(size, seed).map((f) => [f.path, f.bytes])));
		}
		return trees.get(repo);
	};
	const handler: Handler = async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://x');
		const raw = /^\/raw\/[^/]+\/([^/]+)\/[0-9a-f]{40}\/(.+)$/.exec(url.pathname);
		const bytes = raw && treeOf(raw[1]!)?.get(raw[2]!.split('/').map(decodeURIComponent).join('/'));
		if (bytes) {
			res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end(bytes);
			return;
		}
		await forward(peerUrl, req, url, res);
	};
	return options.tls ? listenHttp2(handler, options.tls) : listen(handler);
}

/** `handler` over HTTP/2 with TLS (HTTP/1.1 too, for a client that does not offer h2). */
function listenHttp2(handler: Handler, tls: { key: Buffer; cert: Buffer }): Promise<RunningServer> {
	// The compatibility API's request and response stand in for node:http's for these handlers.
	const server = createSecureServer({ ...tls, allowHTTP1: true }, withCors(handler) as never);
	const sessions = new Set<{ destroy(): void }>();
	server.on('session', (session) => {
		sessions.add(session);
		session.once('close', () => sessions.delete(session));
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as AddressInfo;
			resolve({
				url: `https://127.0.0.1:${port}`,
				server: server as unknown as Server,
				close: () =>
					new Promise<void>((done) => {
						for (const session of sessions) session.destroy();
						server.close(() => done());
					})
			});
		});
	});
}

/** HTTP/2's pseudo-headers and HTTP/1.1's connection headers do not travel between the two. */
const hopHeaders = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade']);

async function forward(
	peerUrl: string,
	req: IncomingMessage,
	url: URL,
	res: Parameters<Parameters<typeof listen>[0]>[1]
) {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (typeof value === 'string' && !name.startsWith(':') && !hopHeaders.has(name))
			headers[name] = value;
	}
	const body =
		req.method === 'GET' || req.method === 'HEAD' ? undefined : new Uint8Array(await readBody(req));
	try {
		const answer = await fetch(`${peerUrl}${url.pathname}${url.search}`, {
			method: req.method,
			headers,
			body
		});
		const out: Record<string, string> = {};
		answer.headers.forEach((value, name) => {
			if (name !== 'content-encoding' && name !== 'content-length' && !hopHeaders.has(name))
				out[name] = value;
		});
		res.writeHead(answer.status, out).end(Buffer.from(await answer.arrayBuffer()));
	} catch (error) {
		sendJson(res, 502, { message: String(error) });
	}
}

// A stand-in for raw.githubusercontent.com in front of the GitHub peer: `/raw/<owner>/<repo>/<commit>/<path>`
// is answered from the generated trees held in memory (content never changes for a commit, which
// is why GitHub serves it from a CDN); every other request is passed to the peer unchanged. The
// peer itself runs `git` several times per raw request, which would make the REST figure a
// measure of process spawning on this machine rather than of the browser's checkout.
import type { IncomingMessage } from 'node:http';
import { listen, readBody, sendJson, type RunningServer } from '../tests/servers/http-common.ts';
import { repoName } from './fixture-repos.ts';
import { generateTree, type TreeSize } from './fixture-tree.ts';

export function startRawCdn(peerUrl: string, seed: number): Promise<RunningServer> {
	const trees = new Map<string, Map<string, Uint8Array>>();
	const treeOf = (repo: string) => {
		const size = (['small', 'medium', 'large'] as TreeSize[]).find((s) => repoName(s) === repo);
		if (!size) return undefined;
		if (!trees.has(repo)) {
			trees.set(repo, new Map(generateTree(size, seed).map((f) => [f.path, f.bytes])));
		}
		return trees.get(repo);
	};
	return listen(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://x');
		const raw = /^\/raw\/[^/]+\/([^/]+)\/[0-9a-f]{40}\/(.+)$/.exec(url.pathname);
		const bytes = raw && treeOf(raw[1]!)?.get(raw[2]!.split('/').map(decodeURIComponent).join('/'));
		if (bytes) {
			res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end(bytes);
			return;
		}
		await forward(peerUrl, req, url, res);
	});
}

async function forward(
	peerUrl: string,
	req: IncomingMessage,
	url: URL,
	res: Parameters<Parameters<typeof listen>[0]>[1]
) {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (typeof value === 'string' && name !== 'host') headers[name] = value;
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
			if (!['content-encoding', 'content-length', 'transfer-encoding'].includes(name))
				out[name] = value;
		});
		res.writeHead(answer.status, out).end(Buffer.from(await answer.arrayBuffer()));
	} catch (error) {
		sendJson(res, 502, { message: String(error) });
	}
}

// A stand-in for gitlab.com in front of the GitLab peer (tests/servers/gitlab.ts), for the
// checkout figures. What a commit names never changes, and GitLab serves it from caches (Gitaly's
// object cache for blobs, Workhorse's archive cache): so answers addressed by a full commit or
// blob id — tree pages at `ref=<sha>`, `blobs/<sha>/raw`, `archive.tar.gz?sha=<sha>` — are
// kept after their first answer and served from memory, and a figure measures the browser's
// checkout rather than this machine spawning `git` (the peer runs it several times a request).
// The branch is always asked of the peer. In front of this, bench/raw-cdn.ts speaks HTTP/2 over
// TLS, as gitlab.com does (over HTTP/1.1 Chromium queues all but six requests to a host).
import { listen, type RunningServer } from '../tests/servers/http-common.ts';

const immutable = [
	/\/repository\/tree\?(?=.*\bref=[0-9a-f]{40}\b)/,
	/\/repository\/blobs\/[0-9a-f]{40}\/raw$/,
	/\/repository\/archive\.tar\.gz\?sha=[0-9a-f]{40}\b/
];

type Kept = { status: number; headers: Record<string, string>; body: Buffer };

/** Passed on to the client, as GitLab sends them (the CORS ones are listen()'s own). */
const kept = new Set(['content-type', 'content-disposition', 'link', 'x-next-page', 'x-page']);

export function startGitLabCache(peerUrl: string): Promise<RunningServer> {
	const cache = new Map<string, Promise<Kept>>();
	const ask = async (target: string, headers: Record<string, string>): Promise<Kept> => {
		const answer = await fetch(`${peerUrl}${target}`, { headers });
		const out: Record<string, string> = {};
		answer.headers.forEach((value, name) => {
			if (kept.has(name)) out[name] = value;
		});
		return { status: answer.status, headers: out, body: Buffer.from(await answer.arrayBuffer()) };
	};
	return listen(async (req, res) => {
		const target = req.url ?? '/';
		const headers: Record<string, string> = {};
		if (req.headers.authorization) headers.authorization = req.headers.authorization;
		let answer: Kept;
		if (req.method === 'GET' && immutable.some((pattern) => pattern.test(target))) {
			if (!cache.has(target)) cache.set(target, ask(target, headers));
			answer = await cache.get(target)!;
			if (answer.status !== 200) cache.delete(target);
		} else if (req.method === 'GET') {
			answer = await ask(target, headers);
		} else {
			res.writeHead(405).end();
			return;
		}
		// The next page's link names the peer: made relative, the client follows it to the front.
		const link = answer.headers.link?.split(peerUrl).join('');
		res.writeHead(answer.status, { ...answer.headers, ...(link ? { link } : {}) }).end(answer.body);
	});
}

// A copy of the built app behind a small static server the test owns: it can be stopped (no
// network at all), serve without the isolation headers (a plain static host), or be given a
// changed service worker (a new deployment).
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { hostHeaders } from '../../tools/security-headers.js';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.json': 'application/json',
	'.wasm': 'application/wasm'
};

export type AppServer = {
	url: string;
	/** Appends a comment to service-worker.js: to the browser, a new version. */
	deployNewVersion(): Promise<void>;
	close(): Promise<void>;
};

export async function startAppServer(options: { isolationHeaders: boolean }): Promise<AppServer> {
	const out = process.env.PATCHBAY_OUT;
	const root = await mkdtemp(join(tmpdir(), 'patchbay-app-'));
	await cp(out ? `${out}/build` : 'build', root, { recursive: true });
	const server = createServer(async (request, response) => {
		const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
		let file = join(root, path);
		const found = await stat(file).catch(() => null);
		if (!found?.isFile()) file = join(root, 'index.html');
		const headers: Record<string, string> = {
			'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
			'Cache-Control': 'no-cache',
			...(options.isolationHeaders ? hostHeaders : {})
		};
		response.writeHead(200, headers).end(await readFile(file));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		async deployNewVersion() {
			const worker = join(root, 'service-worker.js');
			await writeFile(worker, `${await readFile(worker, 'utf8')}\n// next deployment\n`);
		},
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await rm(root, { recursive: true, force: true });
		}
	};
}

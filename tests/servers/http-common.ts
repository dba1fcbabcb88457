// Shared plumbing for the local peers: CORS on every response, OPTIONS answered,
// JSON helpers, a free port on 127.0.0.1, and the `--port N` command line.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export type RunningServer = { url: string; server: Server; close(): Promise<void> };

const corsHeaders: Record<string, string> = {
	'Access-Control-Allow-Origin': '*',
	'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
	// `*` never covers Authorization (Fetch spec), so it is named for token and Basic auth.
	'Access-Control-Allow-Headers': '*, Authorization',
	'Access-Control-Expose-Headers': '*',
	'Access-Control-Max-Age': '600',
	// The app runs cross-origin isolated (COEP); resources it loads must allow that.
	'Cross-Origin-Resource-Policy': 'cross-origin'
};

/** Wraps a handler: CORS headers always, OPTIONS preflight answered, thrown errors become 500. */
export function withCors(handler: Handler): Handler {
	const guarded = withErrors(handler);
	return async (req, res) => {
		for (const [name, value] of Object.entries(corsHeaders)) res.setHeader(name, value);
		if (req.method === 'OPTIONS') {
			res.writeHead(204).end();
			return;
		}
		await guarded(req, res);
	};
}

/** Wraps a handler so a thrown error becomes a 500 (or ends a response already under way). */
export function withErrors(handler: Handler): Handler {
	return async (req, res) => {
		try {
			await handler(req, res);
		} catch (error) {
			if (!res.headersSent) sendJson(res, 500, { message: String(error) });
			else res.end();
		}
	};
}

export type ListenOptions = {
	/** `false` stands in for a host that refuses cross-origin requests: no CORS headers at all. */
	cors?: boolean;
};

/** Starts `handler` on 127.0.0.1 (`port` 0 picks a free one) and resolves once listening. */
export function listen(
	handler: Handler,
	port = 0,
	options: ListenOptions = {}
): Promise<RunningServer> {
	const server = createServer(options.cors === false ? withErrors(handler) : withCors(handler));
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			const { port: actual } = server.address() as AddressInfo;
			resolve({
				url: `http://127.0.0.1:${actual}`,
				server,
				close: () =>
					new Promise<void>((done) => {
						server.closeAllConnections();
						server.close(() => done());
					})
			});
		});
	});
}

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {}
): void {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
	res.end(text);
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

export async function readJson<T = unknown>(req: IncomingMessage): Promise<T> {
	const body = await readBody(req);
	return (body.length ? JSON.parse(body.toString('utf8')) : {}) as T;
}

/** Reads `--name value` from argv. */
export function argValue(argv: string[], name: string): string | undefined {
	const at = argv.indexOf(`--${name}`);
	return at >= 0 ? argv[at + 1] : undefined;
}

/** True when the module at `metaUrl` is the process's entry script (run as `node file.ts`). */
export function isMain(metaUrl: string): boolean {
	const entry = process.argv[1];
	return entry !== undefined && new URL(metaUrl).pathname === entry;
}

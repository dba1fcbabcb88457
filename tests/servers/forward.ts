// Shared by the peers that stand between the app and a git host (the hostile host, the CORS
// proxy): a request log with its control route, and forwarding a request with its body.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { request } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { sendJson } from './http-common.ts';

export type LoggedRequest = { method: string; url: string; headers: IncomingHttpHeaders };

/** `GET /_log`: what was received; `DELETE /_log`: forget it. Neither is logged. */
export function logRoute(requests: LoggedRequest[], req: IncomingMessage, res: ServerResponse) {
	const cors = { 'Access-Control-Allow-Origin': '*' };
	if (req.method === 'DELETE') {
		requests.length = 0;
		return void res.writeHead(204, cors).end();
	}
	sendJson(res, 200, requests, cors);
}

/** Sends the request on to `target` and its answer back, bodies streamed both ways. */
export async function forward(req: IncomingMessage, res: ServerResponse, target: URL) {
	const headers = { ...req.headers, host: target.host };
	delete headers.origin;
	const outbound = request(target, { method: req.method, headers });
	const answered = new Promise<IncomingMessage>((resolve, reject) => {
		outbound.once('response', resolve).once('error', reject);
	});
	await pipeline(req, outbound);
	const answer = await answered;
	const back = { ...answer.headers };
	// The peer's own CORS headers stay; the backend's must not duplicate them.
	for (const name of Object.keys(back)) if (name.startsWith('access-control-')) delete back[name];
	res.writeHead(answer.statusCode ?? 502, back);
	await pipeline(answer, res);
}

/** The forms a token can take on the wire: as is, URL-encoded, and base64 in a Basic header. */
export function tokenForms(token: string): string[] {
	const base64 = (text: string) => Buffer.from(text).toString('base64');
	return [
		token,
		encodeURIComponent(token),
		base64(token),
		base64(`x-access-token:${token}`),
		base64(`:${token}`)
	];
}

/** Every logged request that carries an Authorization header or any form of `tokens`. */
export function leaks(requests: LoggedRequest[], tokens: string[]): LoggedRequest[] {
	const forms = tokens.flatMap(tokenForms);
	return requests.filter((entry) => {
		const text = JSON.stringify(entry);
		return entry.headers.authorization !== undefined || forms.some((form) => text.includes(form));
	});
}

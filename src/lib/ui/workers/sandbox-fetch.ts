// The page's side of the network worker: a `fetch` for the sandbox (Lite's curl, web_fetch).
// Only code that has asked decide() first calls it; everything else on the page stays under
// the page's Content-Security-Policy.
import type { NetAnswer, NetRequest } from './net-protocol';
import NetWorker from './net.worker?worker';

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, (answer: NetAnswer) => void>();

function ensureWorker(): Worker {
	if (worker) return worker;
	worker = new NetWorker();
	worker.onmessage = (event: MessageEvent<NetAnswer>) => {
		pending.get(event.data.id)?.(event.data);
		pending.delete(event.data.id);
	};
	return worker;
}

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

function responseOf(answer: Extract<NetAnswer, { kind: 'response' }>): Response {
	if (answer.type === 'opaqueredirect' || answer.status < 200 || answer.status > 599) {
		// A Response cannot be built with status 0; callers read only `type` of an opaque redirect.
		const opaque = new Response(null, { status: 204 });
		Object.defineProperty(opaque, 'type', { value: answer.type });
		return opaque;
	}
	return new Response(NULL_BODY.has(answer.status) ? null : answer.body, {
		status: answer.status,
		statusText: answer.statusText,
		headers: answer.headers
	});
}

async function bodyOf(init: RequestInit | undefined): Promise<string | ArrayBuffer | undefined> {
	const body = init?.body;
	if (body === undefined || body === null) return undefined;
	if (typeof body === 'string') return body;
	return new Response(body).arrayBuffer();
}

export const sandboxFetch: typeof fetch = async (input, init) => {
	if (!(typeof input === 'string' || input instanceof URL))
		throw new TypeError('sandboxFetch takes a URL and options, not a Request');
	const id = nextId++;
	const signal = init?.signal ?? undefined;
	signal?.throwIfAborted();
	const request: NetRequest = {
		kind: 'fetch',
		id,
		url: String(input),
		method: (init?.method ?? 'GET').toUpperCase(),
		headers: [...new Headers(init?.headers)],
		body: await bodyOf(init)
	};
	const answer = await new Promise<NetAnswer>((resolve, reject) => {
		const onAbort = () => {
			pending.delete(id);
			ensureWorker().postMessage({ kind: 'abort', id } satisfies NetRequest);
			reject(signal?.reason ?? new DOMException('Aborted', 'AbortError'));
		};
		signal?.addEventListener('abort', onAbort, { once: true });
		pending.set(id, (value) => {
			signal?.removeEventListener('abort', onAbort);
			resolve(value);
		});
		ensureWorker().postMessage(request);
	});
	if (answer.kind === 'error') throw new TypeError(`Failed to fetch: ${answer.message}`);
	return responseOf(answer);
};

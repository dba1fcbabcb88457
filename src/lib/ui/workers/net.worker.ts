// The sandbox's way out: Lite's curl and the web_fetch tool send their requests from here, each
// one already decided by the network policy. A worker loaded from the app's own URL is not
// bound by the page's runtime Content-Security-Policy (a <meta> policy governs its document
// only), so the page itself can be held to the configured endpoints while the sandbox reaches
// what the task's policy allows. Redirects are never followed here: the caller decides each hop.
import type { NetAnswer, NetRequest } from './net-protocol';

/** Larger bodies are cut here; the callers' own caps are smaller. */
const MAX_BODY = 16 * 1024 * 1024;
const controllers = new Map<number, AbortController>();

async function readBody(response: Response): Promise<ArrayBuffer> {
	const reader = response.body?.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	while (reader && size <= MAX_BODY) {
		const { done, value } = await reader.read();
		if (done) break;
		chunks.push(value);
		size += value.length;
	}
	if (size > MAX_BODY) await reader?.cancel();
	const body = new Uint8Array(Math.min(size, MAX_BODY + 1));
	let at = 0;
	for (const chunk of chunks) {
		const part = chunk.subarray(0, body.length - at);
		body.set(part, at);
		at += part.length;
	}
	return body.buffer;
}

async function run(request: Extract<NetRequest, { kind: 'fetch' }>) {
	const controller = new AbortController();
	controllers.set(request.id, controller);
	try {
		const response = await fetch(request.url, {
			method: request.method,
			headers: request.headers,
			body: request.body,
			redirect: 'manual',
			signal: controller.signal
		});
		const body = await readBody(response);
		const answer: NetAnswer = {
			kind: 'response',
			id: request.id,
			type: response.type,
			status: response.status,
			statusText: response.statusText,
			headers: [...response.headers],
			body
		};
		self.postMessage(answer, { transfer: [body] });
	} catch (error) {
		const answer: NetAnswer = {
			kind: 'error',
			id: request.id,
			message: error instanceof Error ? error.message : String(error)
		};
		self.postMessage(answer);
	} finally {
		controllers.delete(request.id);
	}
}

self.onmessage = (event: MessageEvent<NetRequest>) => {
	const request = event.data;
	if (request.kind === 'abort') controllers.get(request.id)?.abort();
	else void run(request);
};

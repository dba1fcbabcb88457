// The Lite runtime's network: every request `curl` makes goes through decide(), hop by hop,
// and every decision is reported for the audit log. This is complete enforcement — the Lite
// shell has no other way out.
import type { SecureFetch } from 'just-bash';
import {
	decide,
	networkAuditEvent,
	type NetworkAuditEvent,
	type NetworkPhase,
	type NetworkPolicy
} from '../network/index.ts';

type FetchResult = Awaited<ReturnType<SecureFetch>>;
type SecureFetchOptions = NonNullable<Parameters<SecureFetch>[1]>;

export type NetworkState = { policy: NetworkPolicy; phase: NetworkPhase };

export type LiteNetworkOptions = {
	/** Read at every request: the policy switches from setup to agent during an attempt. */
	state: () => NetworkState;
	onAudit: (event: NetworkAuditEvent) => void;
	fetch?: typeof fetch;
	maxRedirects?: number;
	maxBytes?: number;
};

export class NetworkBlockedError extends Error {
	constructor(reason: string) {
		super(`Blocked by Patchbay network policy: ${reason}`);
		this.name = 'NetworkBlockedError';
	}
}

export function createLiteNetwork(options: LiteNetworkOptions): SecureFetch {
	const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
	const maxRedirects = options.maxRedirects ?? 10;
	const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;

	function check(url: string, method: string, headers: SecureFetchOptions['headers']) {
		const { policy, phase } = options.state();
		// The headers go along: an X-HTTP-Method-Override on a GET is judged as the method it names.
		const decision = decide(policy, url, method, headers);
		options.onAudit(networkAuditEvent({ phase, source: 'lite-curl', method, url }, decision));
		if (!decision.allowed) throw new NetworkBlockedError(decision.reason);
	}

	return async (url, request = {}) => {
		let method = (request.method ?? 'GET').toUpperCase();
		let body = request.body;
		let current = url;
		for (let hop = 0; ; hop++) {
			check(current, method, request.headers);
			// 'manual': each redirect target is decided before it is requested.
			const response = await doFetch(current, {
				method,
				headers: request.headers,
				body,
				redirect: 'manual',
				signal: request.signal
			});
			if (response.type === 'opaqueredirect') {
				// Browsers hide where a redirect points, so it cannot be decided: refuse it.
				throw new NetworkBlockedError(
					`redirect from ${new URL(current).host} to a location the browser does not reveal`
				);
			}
			const location = response.headers.get('location');
			if (
				response.status >= 300 &&
				response.status < 400 &&
				location &&
				request.followRedirects !== false
			) {
				if (hop >= maxRedirects) throw new Error(`Too many redirects (${maxRedirects})`);
				current = new URL(location, current).href;
				if (
					response.status === 303 ||
					((response.status === 301 || response.status === 302) && method === 'POST')
				) {
					method = 'GET';
					body = undefined;
				}
				continue;
			}
			return toResult(response, current, maxBytes);
		}
	};
}

async function toResult(response: Response, url: string, maxBytes: number): Promise<FetchResult> {
	const bytes = new Uint8Array(await response.arrayBuffer());
	if (bytes.length > maxBytes) throw new Error(`Response larger than ${maxBytes} bytes`);
	const headers: Record<string, string> = {};
	response.headers.forEach((value, name) => (headers[name] = value));
	return { status: response.status, statusText: response.statusText, headers, body: bytes, url };
}

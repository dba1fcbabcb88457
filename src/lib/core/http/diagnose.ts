/**
 * A browser reports "host unreachable" and "host answered without CORS headers" as the same
 * TypeError. An opaque `no-cors` request tells them apart: it succeeds whenever the host
 * answers at all. Outside a browser CORS does not apply, so a failure means unreachable.
 */
export async function diagnoseNetworkFailure(
	url: string,
	fetchImpl: typeof fetch = fetch
): Promise<'cors' | 'unreachable'> {
	const runtime = globalThis as { process?: { versions?: { node?: string } } };
	if (runtime.process?.versions?.node) return 'unreachable';
	try {
		await fetchImpl(url, { mode: 'no-cors', credentials: 'omit', cache: 'no-store' });
		return 'cors';
	} catch {
		return 'unreachable';
	}
}

/** The host (and port) of a URL, for messages; the URL itself when it does not parse. */
export function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}

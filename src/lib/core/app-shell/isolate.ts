// Where the static host sends no cross-origin isolation headers, the service worker adds them
// to what it serves, so the page is isolated from its second load on; the frame refusal and a
// worker script's Content-Security-Policy come the same way. Headers the host did send are kept
// as they are. The page's own policy is not among them: it is the page's <meta> tag (with the
// hash of SvelteKit's bootstrap), which a cached page keeps unchanged.

export function withHeaders(
	response: Response,
	headers: Readonly<Record<string, string>>
): Response {
	// Opaque and redirect responses cannot be rebuilt (and are not documents or scripts of ours).
	if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0)
		return response;
	const missing = Object.entries(headers).filter(([name]) => !response.headers.has(name));
	// A redirected response cannot answer a page load: it is rebuilt even with nothing missing.
	if (missing.length === 0 && !response.redirected) return response;
	const merged = new Headers(response.headers);
	for (const [name, value] of missing) merged.set(name, value);
	return new Response(response.body, {
		status: response.status,
		statusText: response.statusText,
		headers: merged
	});
}

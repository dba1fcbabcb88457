// What the service worker does with a request. Only the app's own files are ever cached; a
// request to a model, a git host, GitHub or any other origin is left to the network untouched.

export type ShellRoute =
	/** A file of the built app: from the cache, else the network. */
	| 'asset'
	/** A page load: the cached app shell (index.html); the hash router does the rest. */
	| 'navigation'
	/** Another same-origin GET: the network, with the isolation headers added; never cached. */
	| 'same-origin'
	/** Everything else: not handled at all. */
	| 'pass';

export type ShellScope = { origin: string; assets: ReadonlySet<string> };

export function routeRequest(
	request: { method: string; url: string; mode: string },
	scope: ShellScope
): ShellRoute {
	if (request.method !== 'GET') return 'pass';
	const url = new URL(request.url);
	if (url.origin !== scope.origin) return 'pass';
	if (request.mode === 'navigate') return 'navigation';
	if (scope.assets.has(url.pathname)) return 'asset';
	return 'same-origin';
}

/** The files to precache: the build, the static files a host serves, and the app shell. */
export function precacheList(input: {
	base: string;
	build: readonly string[];
	files: readonly string[];
	prerendered: readonly string[];
}): string[] {
	// `_headers` is configuration for the static host (Netlify, Cloudflare), not served by it.
	const served = input.files.filter((path) => !/\/(_headers|_redirects)$|\/\./.test(path));
	return [...new Set([`${input.base}/`, ...input.build, ...served, ...input.prerendered])];
}

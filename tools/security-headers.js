// The one source of the headers Patchbay needs from whatever serves it.
// Used by the Vite dev/preview plugin, svelte.config.js and the service worker; static/_headers
// and vercel.json must say the same (tests/unit/security-headers.test.ts compares them).

/** Cross-origin isolation: the WebContainer needs SharedArrayBuffer. */
export const isolationHeaders = {
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Embedder-Policy': 'credentialless'
};

/**
 * No page of another origin (nor our own) may frame the app: a framed Patchbay could be
 * clickjacked into pushing a branch. `frame-ancestors` only works as a header (a <meta> policy
 * ignores it), so it is a policy of its own here; browsers enforce it beside the page's <meta>
 * policy. X-Frame-Options says the same to browsers that predate frame-ancestors.
 */
export const frameHeaders = {
	'Content-Security-Policy': "frame-ancestors 'none'",
	'X-Frame-Options': 'DENY'
};

/** What a static host sends on every response (static/_headers, vercel.json). */
export const hostHeaders = {
	...isolationHeaders,
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'no-referrer',
	...frameHeaders
};

/** Where a page and its workers may connect: see cspDirectives and workerCspDirectives. */
const openConnections = ['self', 'http:', 'https:', 'ws:', 'wss:'];

/**
 * Content-Security-Policy. Inline script is never allowed (SvelteKit adds the hash of its
 * own bootstrap). Connections go to endpoints the user configures, so connect-src is open
 * here, as the outer bound: at run time the page adds a second policy with only the configured
 * origins (src/lib/ui/connect-policy.svelte.ts); the network policy decides what the agent
 * reaches. Images only from the app, data: and blob:, so model output cannot leak data through
 * an image URL.
 * @type {Record<string, string[]>}
 */
export const cspDirectives = {
	'default-src': ['self'],
	'script-src': ['self', 'wasm-unsafe-eval'],
	'style-src': ['self', 'unsafe-inline'],
	'img-src': ['self', 'data:', 'blob:'],
	'font-src': ['self', 'data:'],
	'connect-src': openConnections,
	'worker-src': ['self', 'blob:'],
	'frame-src': ['self', 'https://*.webcontainer-api.io', 'https://stackblitz.com'],
	'object-src': ['none'],
	'base-uri': ['self'],
	'form-action': ['self']
};

/**
 * A worker loaded from a URL is bound by the policy of its script's response, not the page's:
 * without one, the git, diff and network workers (and the service worker) could run any script.
 * Here they may load only the app's own scripts, and nothing else but connections. connect-src
 * is the page's outer bound on purpose: the git worker reaches the git host, the GitHub API and
 * the CORS proxy the user configured, and the network worker sends the sandbox's requests, each
 * already allowed by decide(), to any host the agent's network policy allows.
 * @type {Record<string, string[]>}
 */
export const workerCspDirectives = {
	'default-src': ['none'],
	'script-src': ['self'],
	'connect-src': openConnections,
	'frame-ancestors': ['none']
};

const KEYWORDS = new Set(['self', 'none', 'unsafe-inline', 'unsafe-eval', 'wasm-unsafe-eval']);

/**
 * `directives` as a header value (keywords quoted).
 * @param {Record<string, string[]>} directives
 */
export function policyOf(directives) {
	return Object.entries(directives)
		.map(([name, sources]) =>
			[name, ...sources.map((source) => (KEYWORDS.has(source) ? `'${source}'` : source))].join(' ')
		)
		.join('; ');
}

/** What a worker script's response adds to the host headers. */
export const workerHeaders = { 'Content-Security-Policy': policyOf(workerCspDirectives) };

/**
 * The host rules, in order; a later rule's header replaces an earlier one's (Vercel's rule).
 * Netlify and Cloudflare Pages join the two with a comma instead: two policies, both enforced,
 * which for a worker means the same, as its policy repeats frame-ancestors.
 * Paths: Vite's worker output under SvelteKit's immutable assets, and the service worker.
 */
export const hostRules = [
	{ path: '/*', headers: hostHeaders },
	{ path: '/_app/immutable/workers/*', headers: workerHeaders },
	{ path: '/service-worker.js', headers: workerHeaders }
];
const workerRules = hostRules.slice(1);

/**
 * Whether a request fetches a worker's script: by what the browser says it is fetching
 * (`Sec-Fetch-Dest`, or a service worker's `request.destination`), else by where the built
 * app keeps them. `path` is relative to the app's base path.
 * @param {{ path: string, dest?: string | null }} request
 */
export function isWorkerScript({ path, dest }) {
	if (dest === 'worker' || dest === 'sharedworker' || dest === 'serviceworker') return true;
	return workerRules.some((rule) =>
		rule.path.endsWith('*') ? path.startsWith(rule.path.slice(0, -1)) : path === rule.path
	);
}

/**
 * Every header a response to `request` should carry, as the host rules give them.
 * @param {{ path: string, dest?: string | null }} request
 * @returns {Record<string, string>}
 */
export function headersFor(request) {
	return isWorkerScript(request) ? { ...hostHeaders, ...workerHeaders } : hostHeaders;
}

// The one source of the headers Patchbay needs from whatever serves it.
// Used by the Vite dev/preview plugin and svelte.config.js; static/_headers and vercel.json
// must say the same (tests/unit/security-headers.test.ts compares them).

/** Cross-origin isolation: the WebContainer needs SharedArrayBuffer. */
export const isolationHeaders = {
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Embedder-Policy': 'credentialless'
};

/** What a static host sends on every response (static/_headers, vercel.json). */
export const hostHeaders = {
	...isolationHeaders,
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'no-referrer'
};

/**
 * Content-Security-Policy. Inline script is never allowed (SvelteKit adds the hash of its
 * own bootstrap). Connections go to endpoints the user configures, so connect-src is open
 * here, as the outer bound: at run time the page adds a second policy with only the configured
 * origins (src/lib/ui/connect-policy.svelte.ts); the network policy decides what the agent reaches. Images only from the app,
 * data: and blob:, so model output cannot leak data through an image URL.
 * @type {Record<string, string[]>}
 */
export const cspDirectives = {
	'default-src': ['self'],
	'script-src': ['self', 'wasm-unsafe-eval'],
	'style-src': ['self', 'unsafe-inline'],
	'img-src': ['self', 'data:', 'blob:'],
	'font-src': ['self', 'data:'],
	'connect-src': ['self', 'http:', 'https:', 'ws:', 'wss:'],
	'worker-src': ['self', 'blob:'],
	'frame-src': ['self', 'https://*.webcontainer-api.io', 'https://stackblitz.com'],
	'object-src': ['none'],
	'base-uri': ['self'],
	'form-action': ['self']
};

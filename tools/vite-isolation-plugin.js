import { isolationHeaders } from './security-headers.js';

/**
 * Sets the cross-origin isolation headers on every response of `vite dev` and `vite preview`.
 * `server.headers` does not reach the HTML document SvelteKit serves; a middleware does.
 * @returns {import('vite').Plugin}
 */
export function crossOriginIsolation() {
	/** @param {import('vite').Connect.Server} middlewares */
	const install = (middlewares) => {
		middlewares.use((_req, res, next) => {
			for (const [name, value] of Object.entries(isolationHeaders)) res.setHeader(name, value);
			next();
		});
	};
	return {
		name: 'patchbay:cross-origin-isolation',
		configureServer: (server) => install(server.middlewares),
		configurePreviewServer: (server) => install(server.middlewares)
	};
}

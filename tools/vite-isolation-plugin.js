import { headersFor, isolationHeaders, isWorkerScript, workerHeaders } from './security-headers.js';

/**
 * Sets Patchbay's headers on every response of `vite dev` and `vite preview`.
 * `server.headers` does not reach the HTML document SvelteKit serves; a middleware does.
 * Preview stands in for a static host, so it sends all of them (tools/security-headers.js). Dev
 * sends the isolation headers and the workers' policy, not the frame refusal: Vitest's browser
 * mode runs its tests in frames of the dev server.
 * @returns {import('vite').Plugin}
 */
export function crossOriginIsolation() {
	/**
	 * @param {import('vite').Connect.Server} middlewares
	 * @param {(request: { path: string, dest?: string | null }) => Record<string, string>} headersOf
	 */
	const install = (middlewares, headersOf) => {
		middlewares.use((req, res, next) => {
			const path = new URL(req.url ?? '/', 'http://x').pathname;
			const dest = req.headers['sec-fetch-dest'];
			const request = { path, dest: typeof dest === 'string' ? dest : null };
			for (const [name, value] of Object.entries(headersOf(request))) res.setHeader(name, value);
			next();
		});
	};
	/** @param {{ path: string, dest?: string | null }} request */
	const devHeaders = (request) =>
		isWorkerScript(request) ? { ...isolationHeaders, ...workerHeaders } : isolationHeaders;
	return {
		name: 'patchbay:cross-origin-isolation',
		configureServer: (server) => install(server.middlewares, devHeaders),
		configurePreviewServer: (server) => install(server.middlewares, headersFor)
	};
}

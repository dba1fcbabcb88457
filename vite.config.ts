import { sveltekit } from '@sveltejs/kit/vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { crossOriginIsolation } from './tools/vite-isolation-plugin.js';

const inVitest = process.env.VITEST !== undefined;

export default defineConfig({
	plugins: [crossOriginIsolation(), sveltekit()],
	resolve: {
		// just-bash's browser build imports node:zlib for gzip; in the browser it gets a shim.
		alias: inVitest
			? {}
			: { 'node:zlib': fileURLToPath(new URL('./src/lib/shims/zlib.ts', import.meta.url)) }
	},
	worker: { format: 'es' },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 30_000
	}
});

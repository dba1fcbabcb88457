import { sveltekit } from '@sveltejs/kit/vite';
import { playwright } from '@vitest/browser-playwright';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { chromiumArgs, systemChromium } from './tools/chromium.js';
import { crossOriginIsolation } from './tools/vite-isolation-plugin.js';
import { nodeScript } from './tools/vite-node-script-plugin.js';

// just-bash's browser build imports node:zlib for gzip; in the browser it gets a shim.
const browserAliases = {
	'node:zlib': fileURLToPath(new URL('./src/lib/shims/zlib.ts', import.meta.url))
};

export default defineConfig({
	plugins: [crossOriginIsolation(), nodeScript(), sveltekit()],
	resolve: { alias: process.env.VITEST === undefined ? browserAliases : {} },
	worker: { format: 'es' },
	test: {
		testTimeout: 30_000,
		hookTimeout: 30_000,
		projects: [
			{
				extends: true,
				test: { name: 'node', include: ['tests/unit/**/*.test.ts'], environment: 'node' }
			},
			{
				extends: true,
				resolve: { alias: browserAliases },
				test: {
					name: 'chromium',
					include: ['tests/browser/**/*.test.ts'],
					browser: {
						enabled: true,
						headless: true,
						provider: playwright({
							launchOptions: { executablePath: systemChromium(), args: chromiumArgs }
						}),
						instances: [{ browser: 'chromium' }]
					}
				}
			}
		]
	}
});

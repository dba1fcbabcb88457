import { sveltekit } from '@sveltejs/kit/vite';
import { playwright } from '@vitest/browser-playwright';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { crossOriginIsolation } from './tools/vite-isolation-plugin.js';
import { nodeScript } from './tools/vite-node-script-plugin.js';

// just-bash's browser build imports node:zlib for gzip; in the browser it gets a shim.
const browserAliases = {
	'node:zlib': fileURLToPath(new URL('./src/lib/shims/zlib.ts', import.meta.url))
};

const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find(
	(p) => !!p && existsSync(p)
);

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
							launchOptions: {
								executablePath: chromiumPath,
								args: [
									'--no-sandbox',
									'--disable-gpu',
									'--disable-background-networking',
									'--disable-component-update',
									'--disable-sync',
									'--no-first-run'
								]
							}
						}),
						instances: [{ browser: 'chromium' }]
					}
				}
			}
		]
	}
});

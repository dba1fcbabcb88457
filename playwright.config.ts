import { defineConfig } from '@playwright/test';
import { chromiumArgs, systemChromium } from './tools/chromium.js';

const port = Number(process.env.PREVIEW_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	// PATCHBAY_OUT (see svelte.config.js) keeps parallel runs' builds and results apart.
	outputDir: process.env.PATCHBAY_OUT
		? `${process.env.PATCHBAY_OUT}/test-results`
		: 'test-results/e2e',
	timeout: 60_000,
	expect: { timeout: 10_000 },
	fullyParallel: false,
	workers: process.env.CI ? 1 : 2,
	retries: 0,
	reporter: [['list']],
	globalSetup: './tests/e2e/global-setup.ts',
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		browserName: 'chromium',
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: systemChromium(),
			args: chromiumArgs
		}
	},
	webServer: {
		command: `npx vite build && npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
		url: `http://127.0.0.1:${port}/`,
		timeout: 180_000,
		reuseExistingServer: !process.env.CI
	}
});

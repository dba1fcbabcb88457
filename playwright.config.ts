import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

const port = Number(process.env.PREVIEW_PORT ?? 4173);

/** Debian's Chromium when present (Playwright's own browser cannot be downloaded here). */
function systemChromium(): string | undefined {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
	return candidates.find((path): path is string => !!path && existsSync(path));
}

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
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic'
			]
		}
	},
	webServer: {
		command: `npx vite build && npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
		url: `http://127.0.0.1:${port}/`,
		timeout: 180_000,
		reuseExistingServer: !process.env.CI
	}
});

// Offline after setup: the app from its service-worker cache, and a run with the git and
// GitHub hosts gone (the model still up, as a local model would be).
import { expect, test, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFixtureRepos } from '../fixtures/build-repos.ts';
import { startGitServer } from '../servers/git.ts';
import { startGitHubServer } from '../servers/github.ts';
import { startAppServer } from './app-server.ts';
import { configure, modelScript, screenshot } from './peers.ts';

/** Waits until the page's service worker is active (the app is precached by then). */
async function serviceWorkerActive(page: Page) {
	await expect
		.poll(() =>
			page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state ?? 'none')
		)
		.toBe('activated');
}

async function nav(page: Page, name: string, heading: string) {
	await page.getByRole('navigation').getByRole('link', { name }).click();
	await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

test.describe('The app offline', () => {
	test('after one visit it loads and navigates with no network at all', async ({
		page,
		context
	}) => {
		const app = await startAppServer({ isolationHeaders: true });
		try {
			await page.goto(`${app.url}/`);
			await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
			await serviceWorkerActive(page);
		} finally {
			await app.close();
		}
		await context.setOffline(true);
		await page.reload();
		await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
		expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
		await nav(page, 'Environments', 'Environments');
		await nav(page, 'Settings', 'Settings');
		await expect(page.getByRole('heading', { name: 'Storage' })).toBeVisible();
		await nav(page, 'Tasks', 'Tasks');
		await context.setOffline(false);
	});

	test('a new deployment is offered, and taken on Reload', async ({ page }) => {
		const app = await startAppServer({ isolationHeaders: true });
		try {
			await page.goto(`${app.url}/`);
			await serviceWorkerActive(page);
			const prompt = page
				.getByRole('status')
				.filter({ hasText: 'A new version of Patchbay is ready' });
			await expect(prompt).toHaveCount(0);

			await app.deployNewVersion();
			await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
			await expect(prompt).toBeVisible();
			await screenshot(page, 'offline-update-prompt');

			await prompt.getByRole('button', { name: 'Reload' }).click();
			await page.waitForEvent('load');
			await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
			await expect(prompt).toHaveCount(0);
			expect(
				await page.evaluate(async () => {
					const registration = await navigator.serviceWorker.ready;
					return {
						waiting: !!registration.waiting,
						controlled: !!navigator.serviceWorker.controller
					};
				})
			).toEqual({ waiting: false, controlled: true });
		} finally {
			await app.close();
		}
	});

	test('on a host without isolation headers, the service worker adds them: isolated after one reload', async ({
		page
	}) => {
		const app = await startAppServer({ isolationHeaders: false });
		try {
			const response = await page.goto(`${app.url}/`);
			expect(response?.headers()['cross-origin-embedder-policy']).toBeUndefined();
			// The page reloads itself once the worker is active.
			await expect
				.poll(() => page.evaluate(() => crossOriginIsolated).catch(() => false), {
					timeout: 20_000
				})
				.toBe(true);
			await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
		} finally {
			await app.close();
		}
	});
});

test.describe('A run offline after setup', () => {
	test('the second task on an environment runs with its git and GitHub hosts stopped, from the snapshot', async ({
		page
	}) => {
		test.setTimeout(120_000);
		const root = await mkdtemp(join(tmpdir(), 'patchbay-offline-'));
		await buildFixtureRepos(root);
		const git = await startGitServer({ root });
		const github = await startGitHubServer({ root, tokens: {} });
		try {
			const check = {
				toolCalls: [
					{
						name: 'shell',
						arguments: {
							command: 'cat node_modules/left-pad/index.js; wc -c < node_modules/left-pad/refs.txt'
						}
					}
				]
			};
			const { baseURL } = await modelScript({
				turns: [
					check,
					{
						expect: { lastMessage: { role: 'tool', contains: 'module.exports' } },
						content: 'The dependency is there.'
					},
					{ ...check, expect: { lastMessage: { role: 'user', contains: 'Offline' } } },
					{
						expect: { lastMessage: { role: 'tool', contains: 'module.exports' } },
						content: 'Still there, offline.'
					}
				]
			});
			await configure(page, {
				modelBaseURL: baseURL,
				model: 'scripted-model',
				githubApiBase: github.url
			});

			await page.goto('/#/environments/new');
			await page.getByLabel('Repository').fill('acme/ts-failing-test');
			await page.getByRole('button', { name: 'Look up' }).click();
			await expect(page.getByText(/branch(es)? · public/)).toBeVisible();
			// The setup downloads from both hosts: it cannot run once they are gone.
			await page
				.getByLabel('Setup script')
				.fill(
					[
						'mkdir -p node_modules/left-pad',
						`curl -sSf -o node_modules/left-pad/package.json ${github.url}/repos/acme/ts-failing-test`,
						`curl -sSf -o node_modules/left-pad/refs.txt "${git.url}/acme/ts-failing-test.git/info/refs?service=git-upload-pack"`,
						'echo "module.exports = (s) => s;" > node_modules/left-pad/index.js'
					].join('\n')
				);
			// The peers are local: setup reaches them only when they are listed by name.
			await page.getByLabel('Extra domains').fill('127.0.0.1');
			await page.getByLabel('Runtime').selectOption('lite');
			await page.getByRole('button', { name: 'Save environment' }).click();
			await expect(page).toHaveURL(/#\/environments\/[a-f0-9]{16}$/);

			const log = page.getByRole('list', { name: 'Attempt log' });
			await runTask(page, 'Online: check the dependency');
			await expect(log.locator('[data-step="setup"]')).toContainText('exit code 0');
			await expect(log.getByText(/^Saved an environment snapshot \(\d+ files/)).toBeVisible();

			await Promise.all([git.close(), github.close()]);
			await runTask(page, 'Offline: check the dependency again');
			await expect(log.getByTestId('final')).toContainText('Still there, offline.');
			await expect(log.locator('[data-step="setup"]')).toContainText(
				'from snapshot, less than a minute old'
			);
			await expect(
				log.getByText(
					new RegExp(
						`^Could not reach ${new URL(github.url).host}; using the cached commit [0-9a-f]{7} of main from less than a minute ago\\.$`
					)
				)
			).toBeVisible();
			await screenshot(page, 'offline-run-from-snapshot');

			await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
			const snapshots = page.getByRole('table', { name: 'Environment snapshots' });
			await expect(snapshots.getByRole('row')).toHaveCount(2);
			await expect(snapshots).toContainText('ts-failing-test');
			await expect(page.getByTestId('storage-usage')).toContainText('This browser holds');
			await screenshot(page, 'offline-settings-storage');
			await snapshots.getByRole('button', { name: /^Clear the snapshot of/ }).click();
			await expect(page.getByText('No snapshots yet.')).toBeVisible();
		} finally {
			await Promise.all([git.close(), github.close()]).catch(() => {});
			await rm(root, { recursive: true, force: true });
		}
	});
});

async function runTask(page: Page, prompt: string) {
	await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	await page.getByRole('textbox', { name: 'Task' }).fill(prompt);
	await page.getByRole('button', { name: 'Code', exact: true }).click();
	await expect(page).toHaveURL(/#\/tasks\/[a-f0-9]{16}$/);
	await expect(page.getByTestId('final')).toHaveAttribute('data-reason', 'done', {
		timeout: 30_000
	});
}

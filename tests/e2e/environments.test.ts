import { expect, test, type Page } from '@playwright/test';
import { configure, githubControl, peer, PEER_TOKEN, screenshot } from './peers.ts';

async function newEnvironment(page: Page, repo: string) {
	await page.goto('/#/environments/new');
	await page.getByLabel('Repository').fill(repo);
	await page.getByRole('button', { name: 'Look up' }).click();
}

async function testEnvironment(page: Page, setupScript: string) {
	await page.getByLabel('Setup script').fill(setupScript);
	await page.getByLabel('Runtime').selectOption('lite');
	await page.getByRole('button', { name: 'Test environment' }).click();
}

// With a token, text files come through GraphQL batches (its path names no repository: only the
// repository under test is being checked out while these are counted).
const contentFetches = async (repo: string) => {
	const log = (await githubControl('requests')) as { path: string }[];
	return log.filter(
		(r) =>
			r.path.startsWith(`/raw/acme/${repo}/`) ||
			r.path.startsWith(`/repos/acme/${repo}/git/blobs/`) ||
			r.path === '/graphql'
	).length;
};

test.describe('Environments', () => {
	test('a GitHub-style repo: branches listed, Test environment shows progress, setup log and ready', async ({
		page
	}) => {
		await configure(page, { githubToken: PEER_TOKEN });
		await newEnvironment(page, 'acme/ts-failing-test');
		await expect(page.getByText('2 branches · public')).toBeVisible();
		await expect(page.getByLabel('Default branch')).toHaveValue('main');
		await expect(page.getByLabel('Default branch').locator('option')).toHaveText([
			'main',
			'feature'
		]);
		await expect(page.getByLabel('Name')).toHaveValue('ts-failing-test');

		const before = await contentFetches('ts-failing-test');
		await testEnvironment(page, 'ls\ncat package.json\ngrep -n "for" src/sum.js');
		const panel = page.getByTestId('environment-test');
		await expect(page.getByTestId('environment-ready')).toBeVisible();
		for (const step of ['checkout', 'sandbox', 'setup']) {
			await expect(panel.locator(`[data-step="${step}"]`)).toHaveAttribute('data-status', 'done');
		}
		const log = panel.getByLabel('Setup log');
		await expect(log).toContainText('package.json');
		await expect(log).toContainText('"name": "sum-demo"');
		await expect(log).toContainText('for (let i = 1');
		await expect(panel.locator('[data-step="sandbox"]')).toContainText('Lite:');
		await screenshot(page, 'environment-test-ready');
		const fetched = (await contentFetches('ts-failing-test')) - before;
		expect(fetched).toBeGreaterThan(0);

		// A second test on the unchanged repo fetches no file contents again.
		const again = await contentFetches('ts-failing-test');
		await page.getByRole('button', { name: 'Test environment' }).click();
		await expect(page.getByTestId('environment-ready')).toBeVisible();
		await expect(panel.locator('[data-step="checkout"]')).toContainText('cached, nothing fetched');
		expect(await contentFetches('ts-failing-test')).toBe(again);

		await page.getByRole('button', { name: 'Save environment' }).click();
		await expect(page).toHaveURL(/#\/environments\/[a-f0-9]{16}$/);
		await page.getByRole('link', { name: 'Environments' }).first().click();
		await expect(page.getByRole('list', { name: 'Environments' })).toContainText('ts-failing-test');
		await expect(page.getByRole('list', { name: 'Environments' })).toContainText(
			'acme/ts-failing-test · main · lite · network off'
		);
		await screenshot(page, 'environments-list');
	});

	test('the same through a plain git URL (smart HTTP)', async ({ page }) => {
		await configure(page, {});
		await newEnvironment(page, `${peer('git')}/acme/exec-and-symlink.git`);
		// Other tests push branches to the shared peer's repos: the lookup is done once the default
		// branch is chosen, whatever else the repo has by now.
		await expect(page.getByText(/^\d+ branch(es)?$/)).toBeVisible();
		await expect(page.getByLabel('Default branch')).toHaveValue('main');
		await testEnvironment(page, 'ls -la bin\ncat link-to-readme');
		await expect(page.getByTestId('environment-ready')).toBeVisible();
		await expect(page.getByLabel('Setup log')).toContainText('run.sh');
	});

	test('each failure has its own message and nothing is saved half-way', async ({ page }) => {
		await configure(page, {});
		await newEnvironment(page, 'not a repo');
		await expect(
			page.getByText('"not a repo" contains spaces; a repository URL has none.')
		).toBeVisible();

		await newEnvironment(page, 'acme/does-not-exist');
		await expect(page.getByTestId('repo-error')).toHaveAttribute('data-code', 'repo-not-found');
		await expect(page.getByTestId('repo-error')).toContainText(
			'Repository acme/does-not-exist was not found.'
		);
		await expect(page.getByTestId('repo-error')).toContainText(
			'If it is private, add a GitHub token in Settings.'
		);

		await newEnvironment(page, `${peer('gitNoCors')}/acme/empty-ish.git`);
		await expect(page.getByTestId('repo-error')).toHaveAttribute('data-code', 'cors-refused');
		await expect(page.getByTestId('repo-error')).toContainText(
			'Set a CORS proxy for git in Settings'
		);

		await page.getByRole('button', { name: 'Save environment' }).click();
		await expect(page.getByText('Give the environment a name.')).toBeVisible();
		await page.goto('/#/environments');
		await expect(page.getByText('No environments yet.')).toBeVisible();
	});

	test('a private repo needs a token, and a wrong token is refused', async ({ page }) => {
		await githubControl('repo-options', {
			method: 'POST',
			body: { owner: 'acme', repo: 'binary-file', options: { private: true } }
		});
		try {
			await configure(page, {});
			await newEnvironment(page, 'acme/binary-file');
			await expect(page.getByTestId('repo-error')).toHaveAttribute('data-code', 'repo-not-found');

			await configure(page, { githubToken: 'ghp_wrong' });
			await newEnvironment(page, 'acme/binary-file');
			await expect(page.getByTestId('repo-error')).toHaveAttribute('data-code', 'unauthorized');
			await expect(page.getByTestId('repo-error')).toContainText(
				'GitHub refused the token (401 Bad credentials).'
			);

			await configure(page, { githubToken: PEER_TOKEN });
			await newEnvironment(page, 'acme/binary-file');
			await expect(page.getByText('1 branch · private')).toBeVisible();
		} finally {
			await githubControl('repo-options', {
				method: 'POST',
				body: { owner: 'acme', repo: 'binary-file', options: { private: false } }
			});
		}
	});

	test('a failing setup script stops the test with its exit code and log tail', async ({
		page
	}) => {
		await configure(page, {});
		await newEnvironment(page, 'acme/empty-ish');
		await expect(page.getByText('1 branch · public')).toBeVisible();
		await testEnvironment(page, 'echo preparing\necho "no such tool" >&2\nexit 3');
		const failed = page.getByTestId('environment-failed');
		await expect(failed).toHaveAttribute('data-code', 'setup-failed');
		await expect(failed).toContainText(
			'Failed at setup: The setup script failed with exit code 3.'
		);
		await expect(failed).toContainText('no such tool');
		await expect(page.locator('[data-step="setup"]')).toHaveAttribute('data-status', 'failed');
		await screenshot(page, 'environment-test-failed');
	});

	test('automatic runtime falls back to Lite with a notice saying why', async ({ page }) => {
		await configure(page, {});
		await newEnvironment(page, 'acme/empty-ish');
		await expect(page.getByText('1 branch · public')).toBeVisible();
		await page.getByLabel('Setup script').fill('cat README.md');
		await page.getByRole('button', { name: 'Test environment' }).click();
		await expect(page.getByTestId('environment-ready')).toBeVisible({ timeout: 40_000 });
		await expect(page.getByTestId('environment-test')).toContainText('Using the Lite runtime');
		await screenshot(page, 'environment-auto-runtime');
	});
});

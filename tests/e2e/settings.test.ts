import { expect, test } from '@playwright/test';
import { modelScript, peer, PEER_TOKEN, screenshot } from './peers.ts';

test.describe('Settings', () => {
	test('model and GitHub checks, with a specific error for each failure', async ({ page }) => {
		const { baseURL } = await modelScript({
			turns: [],
			apiKey: 'sk-e2e-right',
			models: ['coder-small', 'coder-large']
		});
		await page.goto('/#/settings');
		const model = page.getByTestId('model-check');

		await page.getByLabel('Base URL', { exact: true }).fill(baseURL);
		await page.getByLabel('API key').fill('sk-e2e-right');
		await page.getByRole('button', { name: 'Test' }).first().click();
		await expect(model).toHaveText('Connected: 2 models available (coder-large, coder-small).');

		await page.getByLabel('API key').fill('sk-e2e-wrong');
		await page.getByRole('button', { name: 'Test' }).first().click();
		await expect(model.locator('[data-code]')).toHaveAttribute('data-code', 'unauthorized');
		await expect(model).toContainText('The server refused the API key (401)');

		await page.getByLabel('Base URL', { exact: true }).fill('http://127.0.0.1:9/v1');
		await page.getByRole('button', { name: 'Test' }).first().click();
		await expect(model.locator('[data-code]')).toHaveAttribute('data-code', 'unreachable');
		await expect(model).toContainText('Could not reach 127.0.0.1:9.');

		await page.getByLabel('Base URL', { exact: true }).fill(`${peer('gitNoCors')}/v1`);
		await page.getByRole('button', { name: 'Test' }).first().click();
		await expect(model.locator('[data-code]')).toHaveAttribute('data-code', 'cors-refused');
		await expect(model).toContainText('answered, but without CORS headers');

		await page.getByLabel('Base URL', { exact: true }).fill(`${peer('model')}/nothing-here`);
		await page.getByRole('button', { name: 'Test' }).first().click();
		await expect(model.locator('[data-code]')).toHaveAttribute(
			'data-code',
			'not-openai-compatible'
		);

		const github = page.getByTestId('github-check');
		await page.getByLabel('API base URL').fill(peer('github'));
		await page.getByLabel('Personal access token').fill(PEER_TOKEN);
		await page.getByRole('button', { name: 'Test' }).nth(1).click();
		await expect(github).toHaveText('Signed in as octo · scopes: repo, workflow.');

		await page.getByLabel('Personal access token').fill('ghp_wrong');
		await page.getByRole('button', { name: 'Test' }).nth(1).click();
		await expect(github).toContainText('GitHub refused the token (401 Bad credentials).');
		await screenshot(page, 'settings-errors');
	});

	test('settings entered in the UI survive a reload, keys stay masked', async ({ page }) => {
		await page.goto('/#/settings');
		await page.getByRole('button', { name: 'Ollama' }).click();
		await page.getByLabel('API key').fill('sk-kept-secret');
		await page.getByRole('combobox', { name: 'Model', exact: true }).fill('qwen3-coder');
		await page.getByLabel('Max concurrent attempts').fill('3');
		await page.getByLabel('Personal access token').fill(PEER_TOKEN);
		await page.getByLabel('API base URL').fill(peer('github'));
		await page.getByLabel('CORS proxy URL').fill('https://proxy.example.com');
		await expect(page.getByText('Unsaved changes')).toBeVisible();
		await page.getByRole('button', { name: 'Save settings' }).click();
		await expect(page.getByText('Saved', { exact: true })).toBeVisible();

		await page.reload();
		await expect(page.getByLabel('Base URL', { exact: true })).toHaveValue(
			'http://localhost:11434/v1'
		);
		await expect(page.getByLabel('API key')).toHaveValue('sk-kept-secret');
		await expect(page.getByLabel('API key')).toHaveAttribute('type', 'password');
		await expect(page.getByRole('combobox', { name: 'Model', exact: true })).toHaveValue(
			'qwen3-coder'
		);
		await expect(page.getByLabel('Max concurrent attempts')).toHaveValue('3');
		await expect(page.getByLabel('Personal access token')).toHaveValue(PEER_TOKEN);
		await expect(page.getByLabel('API base URL')).toHaveValue(peer('github'));
		await expect(page.getByLabel('CORS proxy URL')).toHaveValue('https://proxy.example.com');
		expect(page.url()).not.toContain('sk-kept-secret');
		await screenshot(page, 'settings');
	});

	test('an invalid URL is refused at its field and cannot be saved', async ({ page }) => {
		await page.goto('/#/settings');
		await page.getByLabel('Base URL', { exact: true }).fill('localhost:11434');
		await expect(
			page.getByText('The model base URL must start with http:// or https:// (got localhost:).')
		).toBeVisible();
		await expect(page.getByRole('button', { name: 'Save settings' })).toBeDisabled();
	});
});

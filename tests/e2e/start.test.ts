import { expect, test } from '@playwright/test';
import { configure, modelScript, screenshot } from './peers.ts';

test.describe('Zero-step start', () => {
	test('paste owner/repo in the composer, type a task, press Code: environment made, setup proposed, run started', async ({
		page
	}) => {
		const { baseURL } = await modelScript({ turns: [{ content: 'Looked at it.' }] });
		await configure(page, { modelBaseURL: baseURL, model: 'scripted-model' });
		await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
		await page.getByRole('textbox', { name: 'Repository' }).fill('acme/ts-failing-test');
		await page.getByRole('button', { name: 'Use', exact: true }).click();
		const proposal = page.getByTestId('setup-proposal');
		await expect(proposal.getByRole('textbox')).toHaveValue('npm ci');
		await expect(proposal).toContainText('npm test');
		await expect(page.getByLabel('Environment')).toHaveValue(/[a-f0-9]{16}/);
		await expect(page.getByLabel('Branch')).toHaveValue('main');
		await screenshot(page, 'start-pasted');
		await page.getByRole('textbox', { name: 'Task' }).fill('Explain the failing test');
		await page.getByRole('button', { name: 'Code', exact: true }).click();
		await expect(page).toHaveURL(/#\/tasks\/[a-f0-9]{16}$/);
		await expect(page.locator('[data-step="checkout"]')).toHaveAttribute('data-status', 'done');
		await page.getByRole('navigation').getByRole('link', { name: 'Environments' }).click();
		await expect(page.getByRole('list', { name: 'Environments' })).toContainText('ts-failing-test');
	});

	test('a github.com link opens the composer filled in; without a model it says what to do and keeps the text', async ({
		page
	}) => {
		await page.goto('/#/github.com/acme/ts-failing-test/tree/feature');
		await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
		await expect(page.getByRole('textbox', { name: 'Repository' })).toHaveValue(
			'https://github.com/acme/ts-failing-test'
		);
		await expect(page.getByLabel('Branch')).toHaveValue('feature');
		await expect(page.getByTestId('no-model')).toContainText('No model is configured yet.');
		await page.getByRole('textbox', { name: 'Task' }).fill('Add a mean() helper');
		await screenshot(page, 'start-link');
		await page.getByTestId('no-model').getByRole('link', { name: 'Open Settings' }).click();
		await configure(page, { modelBaseURL: 'http://127.0.0.1:9/v1', model: 'any' });
		await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
		await expect(page.getByRole('textbox', { name: 'Task' })).toHaveValue('Add a mean() helper');
		await expect(page.getByTestId('no-model')).toHaveCount(0);
	});

	test('/new?… links fill repo, branch, prompt; nothing starts by itself', async ({ page }) => {
		await configure(page, { model: 'scripted-model' });
		await page.goto('/#/new?repo=acme/ts-failing-test&branch=feature&prompt=Add%20tests&mode=ask');
		await expect(page.getByRole('textbox', { name: 'Task' })).toHaveValue('Add tests');
		// The link names the repository; it is looked up only on Use (a click).
		await expect(page.getByTestId('link-repo')).toBeVisible();
		await page.getByRole('button', { name: 'Use', exact: true }).click();
		await expect(page.getByTestId('setup-proposal')).toBeVisible();
		await expect(page.getByLabel('Branch')).toHaveValue('feature');
		await expect(page.getByRole('list', { name: 'Tasks' })).toHaveCount(0);
	});
});

import { expect, test } from '@playwright/test';
import { configure, createEnvironment, screenshot } from './peers.ts';

// After a failed paste the composer keeps no environment: the one chosen before is another
// repository, and Code would run there. It says so; a paste that works chooses its own.

test('a failed paste clears the chosen environment and says so; a working one chooses its own', async ({
	page
}) => {
	await configure(page, { modelBaseURL: 'http://127.0.0.1:9/v1', model: 'unused' });
	await createEnvironment(page, 'acme/empty-ish');
	await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	const environment = page.getByRole('combobox', { name: 'Environment' });
	const branch = page.getByRole('textbox', { name: 'Branch' });
	await expect(environment.locator('option:checked')).toHaveText('empty-ish');
	await expect(branch).toHaveValue('main');

	await page.getByRole('textbox', { name: 'Repository' }).fill('acme/no-such-repository');
	await page.getByRole('button', { name: 'Use', exact: true }).click();
	await expect(page.getByTestId('paste-error')).toBeVisible();
	await expect(page.getByTestId('paste-cleared')).toContainText('No environment is chosen now');
	await expect(environment.locator('option:checked')).toHaveText('Choose…');
	await expect(branch).toHaveValue('');
	await page.getByRole('textbox', { name: 'Task' }).fill('Fix the readme');
	await page.getByRole('button', { name: 'Code', exact: true }).click();
	// Nothing starts on the repository chosen before.
	await expect(page.getByText('Choose an environment, or paste a repository.')).toBeVisible();
	await expect(page).not.toHaveURL(/#\/tasks\//);
	await screenshot(page, 'composer-failed-paste');

	await page.getByRole('textbox', { name: 'Repository' }).fill('acme/exec-and-symlink');
	await page.getByRole('button', { name: 'Use', exact: true }).click();
	await expect(environment.locator('option:checked')).toHaveText('exec-and-symlink');
	await expect(branch).toHaveValue('main');
	await expect(page.getByTestId('paste-cleared')).toHaveCount(0);
});

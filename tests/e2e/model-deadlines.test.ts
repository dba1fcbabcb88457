// A model server that goes quiet, end to end: the limits set in Settings → Model → Advanced,
// each stall retried where the person can see it, then the attempt fails with what to do next.
import { expect, test } from '@playwright/test';
import { configure, createEnvironment, modelScript, screenshot } from './peers.ts';

test('a stalled model is retried visibly, then the attempt fails saying what to do', async ({
	page
}) => {
	test.setTimeout(90_000);
	const { baseURL } = await modelScript({
		turns: [
			{ content: 'Looking around first', hangAfterChunks: 2 },
			{ hang: true },
			{ hang: true },
			{ hang: true },
			{ hang: true }
		]
	});
	await configure(page, { modelBaseURL: baseURL, modelApiKey: '', model: 'scripted-model' });
	await page.getByText('Advanced', { exact: true }).click();
	await page.getByLabel('Wait for an answer (seconds)').fill('0');
	await expect(page.getByText('Choose a whole number of seconds from 1 to 3600.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Save settings' })).toBeDisabled();
	await page.getByLabel('Wait for an answer (seconds)').fill('1');
	await page.getByLabel('Silence mid-reply (seconds)').fill('1');
	await screenshot(page, 'settings-model-advanced');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByText('Saved', { exact: true })).toBeVisible();
	await page.reload();
	await page.getByText('Advanced', { exact: true }).click();
	await expect(page.getByLabel('Silence mid-reply (seconds)')).toHaveValue('1');

	await createEnvironment(page, 'acme/ts-failing-test');
	await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	await page.getByRole('textbox', { name: 'Task' }).fill('Explain the repository');
	await page.getByRole('button', { name: 'Code', exact: true }).click();

	const log = page.getByRole('list', { name: 'Attempt log' });
	const final = log.getByTestId('final');
	await expect(final).toHaveAttribute('data-reason', 'error', { timeout: 60_000 });
	const giveUp =
		'The model server did not answer within 1 s (gave up after 5 attempts). Check that the ' +
		'model server is running and not overloaded, or allow it more time in Settings → Model → ' +
		'Advanced.';
	await expect(log.getByTestId('retry')).toHaveText([
		'↻ The model sent nothing for 1 s; retrying (1 of 4)',
		'↻ The model server did not answer within 1 s; retrying (2 of 4)',
		'↻ The model server did not answer within 1 s; retrying (3 of 4)',
		'↻ The model server did not answer within 1 s; retrying (4 of 4)'
	]);
	await expect(final.locator('.reason')).toHaveText(giveUp);
	// The words streamed before the stall were taken back when the reply was sent again.
	await expect(log.getByTestId('model-text')).toHaveCount(0);
	await screenshot(page, 'task-model-stalled');
});

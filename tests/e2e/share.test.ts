import { expect, test } from '@playwright/test';
import { configure, createEnvironment, modelScript, screenshot } from './peers.ts';

const patch = [
	'*** Begin Patch',
	'*** Update File: README.md',
	'@@',
	'-A repo with nothing but this README.',
	'+A repo whose README was edited by a shared task.',
	'*** End Patch'
].join('\n');

/** A scripted model that makes the same edit every time it is run. */
const editScript = () =>
	modelScript({
		turns: [
			{ toolCalls: [{ name: 'apply_patch', arguments: { input: patch } }] },
			{ content: 'Edited the README so it says what the repo is.' }
		]
	});

test('a finished task shared with its result opens read-only in a fresh browser and runs again from there', async ({
	page,
	browser
}) => {
	const first = await editScript();
	await configure(page, { modelBaseURL: first.baseURL, model: 'scripted-model' });
	await createEnvironment(page, 'acme/empty-ish');
	await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	await page.getByRole('textbox', { name: 'Task' }).fill('Say what the repo is in the README');
	await page.getByRole('button', { name: 'Code', exact: true }).click();
	await expect(page.getByTestId('changes')).toContainText('+1 −1 · 1 file');

	const share = page.getByTestId('share');
	await share.getByRole('button', { name: 'Share link…' }).click();
	await share.getByLabel('With the result and a log excerpt').check();
	await expect(share.getByTestId('share-size')).toContainText(/Link: [\d.]+ (B|KB)/);
	const link = await share.getByTestId('share-url').inputValue();
	expect(link).toMatch(/#\/share\/[A-Za-z0-9._-]+$/);
	await screenshot(page, 'share-card');

	// A fresh browser context: no IndexedDB, nothing but the link.
	const context = await browser.newContext();
	const other = await context.newPage();
	const second = await editScript();
	await configure(other, { modelBaseURL: second.baseURL, model: 'scripted-model' });
	await other.goto(link);
	await expect(other.getByRole('heading', { level: 1 })).toHaveText(
		'Say what the repo is in the README'
	);
	await expect(other.getByTestId('shared-summary')).toHaveText(
		'Edited the README so it says what the repo is.'
	);
	const changes = other.getByTestId('shared-changes');
	await expect(changes).toContainText('README.md');
	await expect(
		changes.locator('td', { hasText: 'A repo whose README was edited by a shared task.' }).first()
	).toBeVisible();
	await expect(other.getByTestId('shared-log')).toContainText('Edited the README', {
		useInnerText: false
	});
	await screenshot(other, 'share-page');

	await other.getByRole('button', { name: 'Run this task' }).click();
	await expect(other).toHaveURL(/#\/tasks\/[a-f0-9]{16}$/);
	await expect(other.getByTestId('changes')).toContainText('+1 −1 · 1 file');
	await expect(other.getByTestId('changes')).toContainText('README.md');
	await context.close();
});

test('a damaged link says what is wrong instead of showing a task', async ({ page }) => {
	await page.goto('/#/share/AAAA-not-a-real-link');
	await expect(page.getByTestId('share-error')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Run this task' })).toHaveCount(0);
});

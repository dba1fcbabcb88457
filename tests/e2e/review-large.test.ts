import { expect, test } from '@playwright/test';
import { configure, createEnvironment, modelScript, screenshot } from './peers.ts';

// 200 new files of 50 lines each: a 10,000-line diff, made by the agent in the Lite shell.
const makeFiles =
	'mkdir -p gen && for i in $(seq 1 200); do seq 1 50 | sed "s/^/file $i line /" > gen/f$i.txt; done && ls gen | wc -l';

// Playwright's trace snapshots the whole DOM on every step: on this page that is the slow part.
test.use({ trace: 'off' });

test('a 10,000-line diff opens in the full app without freezing the page', async ({ page }) => {
	test.setTimeout(180_000);
	const { baseURL } = await modelScript({
		turns: [
			{ toolCalls: [{ name: 'shell', arguments: { command: makeFiles } }] },
			{ content: 'Generated 200 files.' }
		]
	});
	await configure(page, { modelBaseURL: baseURL, model: 'scripted-model' });
	await createEnvironment(page, 'acme/empty-ish');
	await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	await page.getByRole('textbox', { name: 'Task' }).fill('Generate two hundred files');
	await page.getByRole('button', { name: 'Code', exact: true }).click();
	await expect(page.getByTestId('changes')).toContainText('+10000 −0 · 200 files', {
		timeout: 60_000
	});
	const taskUrl = page.url();

	// Open the finished task again from the task list, watching the main thread meanwhile.
	await page.getByRole('link', { name: 'Tasks', exact: true }).first().click();
	await page.evaluate(() => {
		const state = window as unknown as { longest: number };
		state.longest = 0;
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries())
				state.longest = Math.max(state.longest, entry.duration);
		}).observe({ type: 'longtask' });
	});
	await page.getByRole('link', { name: 'Generate two hundred files' }).click();
	await expect(page).toHaveURL(taskUrl);
	const review = page.getByTestId('diff-review');
	await expect(review).toContainText('200 files changed');
	await expect(review.locator('td', { hasText: 'file 1 line 50' }).first()).toBeVisible();
	// Scroll through the whole review: files render as they come into view.
	for (let step = 0; step < 60; step++) {
		await page.evaluate(() => window.scrollBy(0, 3000));
		await page.waitForTimeout(50);
	}
	await expect(review.locator('td', { hasText: 'file 200 line 50' }).first()).toBeVisible();
	const longest = await page.evaluate(() => (window as unknown as { longest: number }).longest);
	expect(longest, `longest main-thread task ${longest} ms`).toBeLessThan(200);
	await screenshot(page, 'review-large');
});

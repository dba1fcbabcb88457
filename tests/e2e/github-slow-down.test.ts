import { expect, test } from '@playwright/test';
import { configure, githubControl, screenshot } from './peers.ts';

// The fault below is set just before this test's checkout and spent by it (the file's other
// readers, such as day.test.ts, have finished by then); only requests logged after it count.
const INTRO = '/raw/acme/exec-and-symlink/[0-9a-f]{40}/docs/guide/intro\\.md$';

test('raw content answering 429 with Retry-After: the checkout waits, says so in its progress line, and finishes', async ({
	page
}) => {
	await configure(page, {});
	await page.goto('/#/environments/new');
	await page.getByLabel('Repository').fill('acme/exec-and-symlink');
	await page.getByRole('button', { name: 'Look up' }).click();
	await expect(page.getByText(/^\d+ branch(es)?\b/)).toBeVisible();
	await page.getByLabel('Runtime').selectOption('lite');

	const before = ((await githubControl('requests')) as unknown[]).length;
	await githubControl('faults', {
		method: 'POST',
		body: { pathPattern: INTRO, status: 429, headers: { 'retry-after': '2' }, times: 2 }
	});
	await page.getByRole('button', { name: 'Test environment' }).click();
	const checkout = page.locator('[data-step="checkout"]');
	// The whole line: the count once, as the message says it (not again as "(1/4)" after it).
	await expect(checkout.locator('.detail')).toHaveText(
		/^GitHub asked to slow down; retrying in 2 s — \d of 4 files$/
	);
	await screenshot(page, 'checkout-slow-down');
	await expect(page.getByTestId('environment-ready')).toBeVisible();
	await expect(checkout).toContainText('4 files at');
	await expect(checkout).toContainText('(4 fetched)');

	const requests = (
		(await githubControl('requests')) as Array<{ path: string; status: number }>
	).slice(before);
	const intro = requests.filter((r) => new RegExp(INTRO).test(r.path));
	expect(intro.map((r) => r.status)).toEqual([429, 429, 200]);
	expect(requests.filter((r) => r.path.includes('/exec-and-symlink/git/blobs/'))).toEqual([]);
});

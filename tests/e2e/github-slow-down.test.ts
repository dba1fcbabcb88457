import { expect, test } from '@playwright/test';
import { configure, githubControl, screenshot } from './peers.ts';

// Only this test checks acme/exec-and-symlink out through the GitHub peer, so the fault below
// meets no other test's requests.
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

	await githubControl('faults', {
		method: 'POST',
		body: { pathPattern: INTRO, status: 429, headers: { 'retry-after': '2' }, times: 2 }
	});
	await page.getByRole('button', { name: 'Test environment' }).click();
	const checkout = page.locator('[data-step="checkout"]');
	await expect(checkout).toContainText(
		/GitHub asked to slow down; retrying in 2 s — \d of 4 files/
	);
	await screenshot(page, 'checkout-slow-down');
	await expect(page.getByTestId('environment-ready')).toBeVisible();
	await expect(checkout).toContainText('4 files at');
	await expect(checkout).toContainText('(4 fetched)');

	const requests = (await githubControl('requests')) as Array<{ path: string; status: number }>;
	const intro = requests.filter((r) => new RegExp(INTRO).test(r.path));
	expect(intro.map((r) => r.status)).toEqual([429, 429, 200]);
	expect(requests.filter((r) => r.path.includes('/exec-and-symlink/git/blobs/'))).toEqual([]);
});

import { expect, test } from '@playwright/test';

test('the app loads cross-origin isolated, with its navigation', async ({ page }) => {
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Tasks' })).toBeVisible();
	expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
	expect(errors).toEqual([]);
});

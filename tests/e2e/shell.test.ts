import { expect, test } from '@playwright/test';
import { screenshot } from './peers.ts';

test('the app loads cross-origin isolated, with its navigation', async ({ page }) => {
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Tasks' })).toBeVisible();
	expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
	await screenshot(page, 'tasks');

	await page.getByRole('link', { name: 'Environments' }).click();
	await expect(page.getByRole('heading', { name: 'Environments' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Environments' })).toHaveAttribute(
		'aria-current',
		'page'
	);
	await screenshot(page, 'environments');

	await page.getByRole('link', { name: 'Settings' }).click();
	await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
	expect(errors).toEqual([]);
});

test('usable at 390 px wide', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto('/#/settings');
	await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - window.innerWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
	await screenshot(page, 'settings-390');
});

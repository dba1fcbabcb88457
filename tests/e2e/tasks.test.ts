import { expect, test, type Page } from '@playwright/test';
import { configure, modelScript, screenshot } from './peers.ts';

const fixPatch = [
	'*** Begin Patch',
	'*** Update File: src/sum.js',
	'@@ export function sum(numbers) {',
	' \tlet total = 0;',
	'-\tfor (let i = 1; i < numbers.length; i++) total += numbers[i];',
	'+\tfor (let i = 0; i < numbers.length; i++) total += numbers[i];',
	' \treturn total;',
	'*** End Patch'
].join('\n');

/** An environment on the Lite runtime, saved through the page. */
async function createEnvironment(page: Page, repo = 'acme/ts-failing-test') {
	await page.goto('/#/environments/new');
	await page.getByLabel('Repository').fill(repo);
	await page.getByRole('button', { name: 'Look up' }).click();
	await expect(page.getByText(/branch(es)? · public/)).toBeVisible();
	await page.getByLabel('Runtime').selectOption('lite');
	await page.getByRole('button', { name: 'Save environment' }).click();
	await expect(page).toHaveURL(/#\/environments\/[a-f0-9]{16}$/);
}

async function startTask(page: Page, prompt: string, mode: 'Code' | 'Ask', attempts = 1) {
	await page.goto('/');
	await page.getByRole('textbox', { name: 'Task' }).fill(prompt);
	if (attempts > 1) await page.getByLabel('Attempts').selectOption(String(attempts));
	await page.getByRole('button', { name: mode, exact: true }).click();
	await expect(page).toHaveURL(/#\/tasks\/[a-f0-9]{16}$/);
}

test.describe('Tasks', () => {
	test('a Code task lists files, greps, patches, checks and finishes — live, and the file really changed', async ({
		page
	}) => {
		const { baseURL, id } = await modelScript({
			turns: [
				{
					expect: {
						tools: { include: ['shell', 'apply_patch'] },
						lastMessage: { role: 'user', contains: 'Fix the failing test' },
						systemContains: 'npm test'
					},
					content: 'Let me look around.',
					toolCalls: [{ name: 'shell', arguments: { command: 'ls' } }]
				},
				{
					expect: { lastMessage: { role: 'tool', contains: 'package.json' } },
					toolCalls: [{ name: 'shell', arguments: { command: 'grep -n "for" src/sum.js' } }]
				},
				{
					expect: { lastMessage: { role: 'tool', contains: 'for (let i = 1' } },
					content: 'The loop skips the first number.',
					toolCalls: [{ name: 'apply_patch', arguments: { input: fixPatch } }]
				},
				{
					expect: { lastMessage: { role: 'tool', contains: 'M src/sum.js' } },
					toolCalls: [{ name: 'shell', arguments: { command: 'cat src/sum.js' } }]
				},
				{
					expect: { lastMessage: { role: 'tool', contains: 'for (let i = 0' } },
					content: 'Fixed the off-by-one in sum(): the loop now starts at 0.',
					chunkDelayMs: 20
				}
			]
		});
		await configure(page, { modelBaseURL: baseURL, modelApiKey: '', model: 'scripted-model' });
		await createEnvironment(page);
		await startTask(page, 'Fix the failing test in sum.js', 'Code');

		const log = page.getByRole('list', { name: 'Attempt log' });
		await expect(log.locator('[data-step="checkout"]')).toHaveAttribute('data-status', 'done');
		await expect(log.getByTestId('model-text').first()).toHaveText('Let me look around.');
		const tools = log.getByTestId('tool-call');
		await expect(tools.nth(0)).toContainText('$ ls');
		await expect(tools.nth(0)).toContainText('exit 0');
		await expect(tools.nth(1)).toContainText('$ grep -n "for" src/sum.js');
		await expect(tools.nth(2)).toContainText('applied');
		await expect(tools.nth(2)).toContainText('M src/sum.js');
		await expect(tools.nth(3)).toContainText('for (let i = 0; i < numbers.length; i++)');
		const final = log.getByTestId('final');
		await expect(final).toHaveAttribute('data-reason', 'done');
		await expect(final).toContainText('Fixed the off-by-one in sum()');
		await expect(page.locator('.attempt-head').getByText('done')).toBeVisible();
		await screenshot(page, 'task-code-done');

		const state = (await (
			await fetch(`${baseURL.replace(/\/v1$/, '').replace(/\/s\/[^/]+$/, '')}/_scripts/${id}`)
		).json()) as { mismatches: unknown[]; consumed: number };
		expect(state.mismatches).toEqual([]);
		expect(state.consumed).toBe(5);

		await page.goto('/');
		await expect(page.getByRole('list', { name: 'Tasks' })).toContainText(
			'Fix the failing test in sum.js'
		);
		await expect(
			page.getByRole('list', { name: 'Tasks' }).locator('[data-status]').first()
		).toHaveAttribute('data-status', 'done');
		await screenshot(page, 'tasks-list');
	});
});

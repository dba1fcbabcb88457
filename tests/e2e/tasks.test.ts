import { expect, test, type Page } from '@playwright/test';
import { configure, createEnvironment, modelScript, screenshot } from './peers.ts';

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
/** Goes to the task list inside the app (a page load would interrupt running attempts). */
async function home(page: Page) {
	if (page.url().startsWith('http'))
		await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	else await page.goto('/');
	await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
}

async function startTask(page: Page, prompt: string, mode: 'Code' | 'Ask', attempts = 1) {
	await home(page);
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
					toolCalls: [{ name: 'shell', arguments: { command: 'git diff' } }]
				},
				{
					expect: {
						lastMessage: {
							role: 'tool',
							contains: ['diff --git a/src/sum.js b/src/sum.js', '+\tfor (let i = 0']
						}
					},
					content: 'Fixed the off-by-one in sum(): the loop now starts at 0.',
					chunkDelayMs: 20
				}
			]
		});
		await configure(page, { modelBaseURL: baseURL, modelApiKey: '', model: 'scripted-model' });
		await createEnvironment(page, 'acme/ts-failing-test');
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
		await expect(tools.nth(3)).toContainText('$ git diff');
		await expect(tools.nth(3)).toContainText('+\tfor (let i = 0; i < numbers.length; i++)');
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

test.describe('Tasks, more', () => {
	test('two tasks with two attempts each run in parallel and all finish', async ({ page }) => {
		const tool = { toolCalls: [{ name: 'shell', arguments: { command: 'echo working' } }] };
		const done = { content: 'All done.' };
		const { baseURL } = await modelScript({
			turns: [tool, done, tool, done, tool, done, tool, done]
		});
		await configure(page, { modelBaseURL: baseURL, model: 'scripted-model' });
		await page.goto('/#/settings');
		await page.getByLabel('Max concurrent attempts').fill('4');
		await page.getByRole('button', { name: 'Save settings' }).click();
		await createEnvironment(page, 'acme/empty-ish');
		await startTask(page, 'First parallel task', 'Code', 2);
		await startTask(page, 'Second parallel task', 'Code', 2);
		for (const title of ['First parallel task', 'Second parallel task']) {
			await home(page);
			await page.getByRole('link', { name: title }).click();
			const tabs = page.getByRole('tablist', { name: 'Attempts' });
			await expect(tabs.locator('[data-status="done"]')).toHaveCount(2, { timeout: 30_000 });
		}
		await page.goto('/');
		await expect(
			page.getByRole('list', { name: 'Tasks' }).locator('[data-status="done"]')
		).toHaveCount(2);
		await screenshot(page, 'tasks-parallel');

		// One attempt is chosen; the task opens on it after a reload.
		await page.getByRole('link', { name: 'Second parallel task' }).click();
		// Neither attempt changed a file ('echo working'): said in words, not "+0 −0 · 0 files".
		await expect(page.getByTestId('change-counts')).toHaveText('No changes');
		const totals = page.getByTestId('attempt-compare').locator('tfoot tr').first();
		await expect(totals.locator('th, td')).toHaveText(['Total', 'No changes', 'No changes']);
		await screenshot(page, 'tasks-no-changes');
		await page.getByRole('button', { name: 'Choose Attempt 2' }).click();
		const tabs = page.getByRole('tablist', { name: 'Attempts' });
		await expect(tabs.getByRole('tab', { name: /Attempt 2 · chosen/ })).toBeVisible();
		await page.reload();
		await expect(tabs.getByRole('tab', { name: /Attempt 2 · chosen/ })).toHaveAttribute(
			'aria-selected',
			'true'
		);
	});

	test('an Ask task proposes tasks, and "Start task" creates a Code task', async ({ page }) => {
		const { baseURL } = await modelScript({
			turns: [
				{
					expect: {
						tools: { include: ['shell'], exclude: ['apply_patch'] },
						systemContains: 'read-only'
					},
					toolCalls: [{ name: 'shell', arguments: { command: 'cat README.md' } }]
				},
				{
					content:
						'The repository is nearly empty.\n\n```tasks\n[{"title": "Add a license", "prompt": "Add an MIT LICENSE file."}]\n```'
				},
				{
					expect: { lastMessage: { role: 'user', contains: 'Add an MIT LICENSE file.' } },
					content: 'Added.'
				}
			]
		});
		await configure(page, { modelBaseURL: baseURL, model: 'scripted-model' });
		await createEnvironment(page, 'acme/empty-ish');
		await startTask(page, 'What is in this repository?', 'Ask');
		const final = page.getByTestId('final');
		await expect(final).toContainText('The repository is nearly empty.');
		await expect(final).toContainText('Add a license');
		await expect(final).not.toContainText('```tasks');
		await screenshot(page, 'task-ask');
		await final.getByRole('button', { name: 'Start task' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Add an MIT LICENSE file.');
		await expect(page.getByText('Code · empty-ish · main')).toBeVisible();
		await expect(page.getByTestId('final')).toContainText('Added.');
	});

	test('a malformed patch is answered with an error and the next turn recovers', async ({
		page
	}) => {
		const bad =
			'*** Begin Patch\n*** Update File: README.md\n@@\n-this line is not there\n+new\n*** End Patch';
		const { baseURL } = await modelScript({
			turns: [
				{ toolCalls: [{ name: 'apply_patch', arguments: { input: bad } }] },
				{
					expect: {
						lastMessage: { role: 'tool', contains: 'Failed to find context in README.md' }
					},
					toolCalls: [{ name: 'shell', arguments: { command: 'cat README.md' } }]
				},
				{ content: 'Recovered after reading the file.' }
			]
		});
		await configure(page, { modelBaseURL: baseURL, model: 'scripted-model' });
		await createEnvironment(page, 'acme/empty-ish');
		await startTask(page, 'Edit the readme', 'Code');
		const patch = page.locator('[data-tool="apply_patch"]');
		await expect(patch).toContainText('failed');
		await expect(patch).toContainText('Failed to find context in README.md');
		await expect(page.getByTestId('final')).toContainText('Recovered after reading the file.');
	});

	test('cancel stops a run promptly, and a reload mid-run leaves it interrupted with its log', async ({
		page
	}) => {
		const { baseURL } = await modelScript({
			turns: [
				{ content: 'Thinking hard…', hangAfterChunks: 3 },
				{ toolCalls: [{ name: 'shell', arguments: { command: 'echo before reload' } }] },
				{ hang: true },
				{
					expect: {
						lastMessage: { role: 'user', contains: 'The previous run was interrupted' },
						messages: { someContains: 'echo before reload' }
					},
					content: 'Continued where I left off.'
				}
			]
		});
		await configure(page, { modelBaseURL: baseURL, model: 'scripted-model' });
		await createEnvironment(page, 'acme/empty-ish');

		await startTask(page, 'A task to cancel', 'Code');
		const status = page.locator('.attempt-head [data-status]');
		await expect(status).toHaveAttribute('data-status', 'running');
		await expect(page.getByTestId('model-text')).toContainText('Thinking');
		await page.getByRole('button', { name: 'Cancel' }).click();
		await expect(status).toHaveAttribute('data-status', 'cancelled', { timeout: 2_000 });
		await expect(page.getByTestId('final')).toHaveAttribute('data-reason', 'cancelled');

		await startTask(page, 'A task interrupted by a reload', 'Code');
		await expect(page.locator('[data-tool="shell"]')).toContainText('exit 0');
		await page.reload();
		await expect(status).toHaveAttribute('data-status', 'interrupted');
		await expect(page.locator('[data-tool="shell"]')).toContainText('$ echo before reload');
		await expect(page.getByTestId('status-line')).toContainText(
			'interrupted: The page was closed or reloaded'
		);
		await screenshot(page, 'task-interrupted');
		await page.getByRole('button', { name: 'Continue' }).click();
		await expect(page.getByTestId('final')).toContainText('Continued where I left off.');
		await expect(status).toHaveAttribute('data-status', 'done');
	});
});

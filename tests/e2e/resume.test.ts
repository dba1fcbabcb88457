import { expect, test } from '@playwright/test';
import { configure, createEnvironment, modelScript, peer, screenshot } from './peers.ts';

// A finished attempt takes a follow-up at any later time: after a reload the page holds no
// sandbox for it, so one is rebuilt from the cached baseline plus the attempt's stored result,
// and the conversation from its log.

const addNotes =
	'*** Begin Patch\n*** Add File: notes.txt\n+hello from the first run\n*** End Patch';
const extendNotes =
	'*** Begin Patch\n*** Update File: notes.txt\n@@\n hello from the first run\n+and a second line\n*** End Patch';

test('a Code task, done, reloaded, takes a follow-up on a rebuilt sandbox and is done again', async ({
	page
}) => {
	const { baseURL, id } = await modelScript({
		turns: [
			{ toolCalls: [{ name: 'apply_patch', arguments: { input: addNotes } }] },
			{ content: 'Added notes.txt with a greeting.' },
			{
				expect: {
					lastMessage: { role: 'user', contains: 'Add a second line to notes.txt' },
					// The conversation so far, rebuilt from the log.
					messages: {
						someContains: ['Added notes.txt with a greeting.', '*** Add File: notes.txt']
					}
				},
				toolCalls: [{ name: 'shell', arguments: { command: 'cat notes.txt' } }]
			},
			{
				// The rebuilt sandbox has the first run's file.
				expect: { lastMessage: { role: 'tool', contains: 'hello from the first run' } },
				toolCalls: [{ name: 'apply_patch', arguments: { input: extendNotes } }]
			},
			{ content: 'Added the second line.' }
		]
	});
	await configure(page, { modelBaseURL: baseURL, model: 'scripted-model' });
	await createEnvironment(page, 'acme/empty-ish');
	await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	await page.getByRole('textbox', { name: 'Task' }).fill('Write some notes');
	await page.getByRole('button', { name: 'Code', exact: true }).click();
	await expect(page).toHaveURL(/#\/tasks\/[a-f0-9]{16}$/);
	const status = page.locator('.attempt-head [data-status]');
	const changes = page.getByTestId('changes');
	await expect(page.getByTestId('final')).toContainText('Added notes.txt with a greeting.');
	await expect(status).toHaveAttribute('data-status', 'done');
	await expect(changes).toContainText('+1 −0 · 1 file');

	// A new page: no sandbox is held for the attempt any more.
	await page.reload();
	await expect(status).toHaveAttribute('data-status', 'done');
	await page.getByLabel('Follow-up').fill('Add a second line to notes.txt');
	await page.getByRole('button', { name: 'Send' }).click();
	const log = page.getByRole('list', { name: 'Attempt log' });
	await expect(log.getByText('Sandbox rebuilt from the stored result (1 file).')).toBeVisible();
	await expect(page.getByTestId('final').last()).toContainText('Added the second line.');
	await expect(status).toHaveAttribute('data-status', 'done');
	await expect(log.locator('[data-tool="shell"]')).toContainText('hello from the first run');
	// The stored result is the attempt's whole work: both runs' lines.
	await expect(changes).toContainText('+2 −0 · 1 file');
	await expect(page.getByTestId('diff-review')).toContainText('and a second line');
	await screenshot(page, 'resume-follow-up');

	const state = (await (await fetch(`${peer('model')}/_scripts/${id}`)).json()) as {
		mismatches: unknown[];
		consumed: number;
	};
	expect(state.mismatches).toEqual([]);
	expect(state.consumed).toBe(5);

	// And after another reload the log still has both runs, the rebuild note between them.
	await page.reload();
	await expect(page.getByTestId('final').last()).toContainText('Added the second line.');
	await expect(log.getByText('Sandbox rebuilt from the stored result (1 file).')).toBeVisible();
	await expect(changes).toContainText('+2 −0 · 1 file');
});

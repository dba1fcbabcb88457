import { expect, test, type Page } from '@playwright/test';
import { configure, createEnvironment, modelScript, screenshot } from './peers.ts';

// One tab owns a running attempt (it holds the attempt's Web Lock); a second tab opened on the
// same app watches it and never takes it over. The model answers slowly, so the second tab opens
// while the first tab's attempt is still running.

const reply = Array.from(
	{ length: 12 },
	(_, i) => `Line ${i + 1} of the final answer, streamed slowly while another tab watches.`
).join('\n');

type StoredEvent = { seq: number; type: string; data: { kind: string; status?: string } };

/** The attempt's stored log, read straight from IndexedDB in the page. */
function storedLog(page: Page, attemptId: string): Promise<StoredEvent[]> {
	return page.evaluate(
		(id) =>
			new Promise<StoredEvent[]>((resolve, reject) => {
				const open = indexedDB.open('patchbay');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const range = IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER]);
					const request = db.transaction('events').objectStore('events').getAll(range);
					request.onsuccess = () => {
						db.close();
						resolve(request.result as StoredEvent[]);
					};
					request.onerror = () => reject(request.error);
				};
			}),
		attemptId
	);
}

/** The first attempt of the task open in the page (its id, from the records in IndexedDB). */
function attemptOf(page: Page, taskId: string): Promise<string> {
	return page.evaluate(
		(task) =>
			new Promise<string>((resolve, reject) => {
				const open = indexedDB.open('patchbay');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const request = db.transaction('attempts').objectStore('attempts').getAll();
					request.onsuccess = () => {
						db.close();
						const found = (request.result as { id: string; taskId: string }[]).find(
							(a) => a.taskId === task
						);
						if (found) resolve(found.id);
						else reject(new Error(`no attempt of task ${task}`));
					};
				};
			}),
		taskId
	);
}

const logText = (page: Page) => page.getByRole('list', { name: 'Attempt log' }).innerText();

test('a second tab watches the first tab’s running attempt live and never interrupts it', async ({
	page
}) => {
	const { baseURL } = await modelScript({
		turns: [
			{
				content: 'Looking first.',
				toolCalls: [{ name: 'shell', arguments: { command: 'echo watched from two tabs' } }]
			},
			// Slow enough that the second tab opens (and watches a while) before it ends.
			{
				expect: { lastMessage: { role: 'tool', contains: 'watched from two tabs' } },
				delayMs: 3_000,
				content: reply,
				chunkChars: 12,
				chunkDelayMs: 120
			}
		]
	});
	await configure(page, { modelBaseURL: baseURL, model: 'scripted-model' });
	await createEnvironment(page, 'acme/empty-ish');
	await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	await page.getByRole('textbox', { name: 'Task' }).fill('A task two tabs look at');
	await page.getByRole('button', { name: 'Code', exact: true }).click();
	await expect(page).toHaveURL(/#\/tasks\/[a-f0-9]{16}$/);
	const taskId = page.url().split('/').at(-1)!;
	const status = (p: Page) => p.locator('.attempt-head [data-status]');
	await expect(status(page)).toHaveAttribute('data-status', 'running');

	// The second tab: the same app, the same storage, opened on the running task.
	const second = await page.context().newPage();
	await second.goto(`/#/tasks/${taskId}`);
	await expect(status(second)).toHaveAttribute('data-status', 'running');
	await expect(second.getByTestId('elsewhere')).toHaveText('Running in another tab');
	await expect(page.getByTestId('elsewhere')).toHaveCount(0);
	// Only what is safe from a tab that does not run it: no follow-up, no continue.
	await expect(second.getByRole('button', { name: 'Continue' })).toHaveCount(0);
	await expect(second.getByLabel('Follow-up')).toHaveCount(0);
	await expect(second.locator('[data-tool="shell"]')).toContainText('$ echo watched from two tabs');
	await expect(second.getByTestId('final')).toHaveCount(0);
	await screenshot(second, 'two-tabs-watching');

	// It ends in the first tab with its whole reply, and the second follows without a reload.
	await expect(page.getByTestId('final')).toContainText('Line 12 of the final answer', {
		timeout: 30_000
	});
	await expect(status(page)).toHaveAttribute('data-status', 'done');
	await expect(status(second)).toHaveAttribute('data-status', 'done');
	await expect(second.getByTestId('final')).toContainText('Line 12 of the final answer');
	await expect(second.getByTestId('elsewhere')).toHaveCount(0);
	await screenshot(second, 'two-tabs-done');
	const live = await logText(page);
	await expect.poll(() => logText(second)).toBe(live);

	// Stored whole: numbered 0… with no gap, nothing interrupted, the final answer in it.
	const attemptId = await attemptOf(page, taskId);
	const stored = await storedLog(page, attemptId);
	expect(stored.map((event) => event.seq)).toEqual(stored.map((_, i) => i));
	expect(stored.filter((e) => e.data.kind === 'status').map((e) => e.data.status)).toEqual([
		'preparing',
		'running',
		'done'
	]);
	expect(stored.some((e) => e.type === 'agent' && JSON.stringify(e.data).includes('Line 12'))).toBe(
		true
	);

	// After a reload of either tab the whole log is there, as it was shown live.
	for (const tab of [second, page]) {
		await tab.reload();
		await expect(status(tab)).toHaveAttribute('data-status', 'done');
		await expect(tab.getByTestId('final')).toContainText('Line 12 of the final answer');
		expect(await logText(tab)).toBe(live);
	}
	expect(await storedLog(second, attemptId)).toEqual(stored);
	await second.close();
});

test('a Cancel from the watching tab is sent to the tab that runs the attempt', async ({
	page
}) => {
	const { baseURL } = await modelScript({ turns: [{ content: 'Thinking…', hangAfterChunks: 3 }] });
	await configure(page, { modelBaseURL: baseURL, model: 'scripted-model' });
	await createEnvironment(page, 'acme/empty-ish');
	await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	await page.getByRole('textbox', { name: 'Task' }).fill('A task cancelled from another tab');
	await page.getByRole('button', { name: 'Code', exact: true }).click();
	await expect(page).toHaveURL(/#\/tasks\/[a-f0-9]{16}$/);
	await expect(page.getByTestId('model-text')).toContainText('Thinking');

	const second = await page.context().newPage();
	await second.goto(page.url().replace(/^.*#/, '/#'));
	await expect(second.getByTestId('elsewhere')).toBeVisible();
	await second.getByRole('button', { name: 'Cancel' }).click();
	for (const tab of [page, second]) {
		await expect(tab.locator('.attempt-head [data-status]')).toHaveAttribute(
			'data-status',
			'cancelled'
		);
		await expect(tab.getByTestId('final')).toHaveAttribute('data-reason', 'cancelled');
	}
	await second.close();
});

test('when the tab that runs an attempt closes, the watching tab marks it interrupted', async ({
	page
}) => {
	const { baseURL } = await modelScript({
		turns: [{ content: 'Working on it…', hangAfterChunks: 3 }]
	});
	await configure(page, { modelBaseURL: baseURL, model: 'scripted-model' });
	await createEnvironment(page, 'acme/empty-ish');
	await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	await page.getByRole('textbox', { name: 'Task' }).fill('A task whose tab goes away');
	await page.getByRole('button', { name: 'Code', exact: true }).click();
	await expect(page).toHaveURL(/#\/tasks\/[a-f0-9]{16}$/);
	await expect(page.getByTestId('model-text')).toContainText('Working on it');

	const second = await page.context().newPage();
	await second.goto(page.url().replace(/^.*#/, '/#'));
	const status = second.locator('.attempt-head [data-status]');
	await expect(second.getByTestId('elsewhere')).toBeVisible();
	await expect(status).toHaveAttribute('data-status', 'running');

	await page.close(); // its lock goes with it
	await expect(status).toHaveAttribute('data-status', 'interrupted');
	await expect(second.getByTestId('status-line')).toContainText(
		'interrupted: The page was closed or reloaded'
	);
	await expect(second.getByTestId('elsewhere')).toHaveCount(0);
	await expect(second.getByRole('button', { name: 'Continue' })).toBeVisible();
	await second.close();
});

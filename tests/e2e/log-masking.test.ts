import { expect, test, type Page } from '@playwright/test';
import { configure, createEnvironment, modelScript, screenshot } from './peers.ts';

// Settings' keys never show in an attempt's log, nor are stored in it: a key a command prints
// (and the model repeats) is masked; a log stored before the key was saved shows it masked too.
// Built at run time so no scanner flags this repository itself.
const KEY = ['sk', 'e2e', 'settings', '0123456789abcdef'].join('-');
// The command puts the key together, so only its output holds it whole.
const PRINT = `echo "key=${KEY.slice(0, 10)}""${KEY.slice(10)}"`;

/** Every stored log entry of this page's attempts, as JSON text. */
async function storedLog(page: Page): Promise<string> {
	return page.evaluate(
		() =>
			new Promise<string>((resolve, reject) => {
				const opening = indexedDB.open('patchbay');
				opening.onerror = () => reject(opening.error);
				opening.onsuccess = () => {
					const all = opening.result.transaction('events').objectStore('events').getAll();
					all.onsuccess = () => resolve(JSON.stringify(all.result));
					all.onerror = () => reject(all.error);
				};
			})
	);
}

async function setApiKey(page: Page, key: string) {
	await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
	await page.waitForFunction(() => !document.querySelector('meta[data-patchbay-connect]'));
	await page.getByLabel('API key').fill(key);
	await page.getByRole('button', { name: 'Save settings' }).click();
	await page.getByText('Saved', { exact: true }).waitFor();
}

test('a Settings key printed by a command is masked in the log, stored and shown; an older log shows it masked once the key is saved', async ({
	page
}) => {
	const { baseURL } = await modelScript({
		turns: [
			{ toolCalls: [{ name: 'shell', arguments: { command: PRINT } }] },
			{ content: `The key is ${KEY}.` },
			{ toolCalls: [{ name: 'shell', arguments: { command: PRINT } }] },
			{ content: `Still ${KEY}.` }
		]
	});
	// No key in Settings yet: the first run's log holds it as printed.
	await configure(page, { modelBaseURL: baseURL, modelApiKey: '', model: 'scripted-model' });
	await createEnvironment(page, 'acme/ts-failing-test');
	await page.goto('/');
	await page.getByRole('textbox', { name: 'Task' }).fill('Print the key');
	await page.getByRole('button', { name: 'Ask', exact: true }).click();
	const log = page.getByRole('list', { name: 'Attempt log' });
	await expect(log.getByTestId('final')).toHaveAttribute('data-reason', 'done');
	await expect(log).toContainText(`The key is ${KEY}.`);
	const task = page.url();

	// Saved in Settings now: the stored log still holds it, but the page shows it masked.
	await setApiKey(page, KEY);
	await page.goto(task);
	await expect(log.getByTestId('final')).toContainText('The key is [secret].');
	await expect(log).not.toContainText(KEY);
	expect(await storedLog(page)).toContain(KEY);

	// A follow-up with the key in Settings: masked before it is stored, as it streams in.
	await page.getByLabel('Follow-up').fill('Again');
	await page.getByRole('button', { name: 'Send' }).click();
	await expect(log.getByTestId('final').last()).toContainText('Still [secret].');
	await expect(log.getByTestId('tool-call').last()).toContainText('key=[secret]');
	await expect(log).not.toContainText(KEY);
	await screenshot(page, 'log-masked');
	// The stored entries from the follow-up on: the key nowhere, the masks where it was.
	const entries = JSON.parse(await storedLog(page)) as { data: { kind: string; text?: string } }[];
	const followUp = entries.findIndex((e) => e.data.kind === 'user' && e.data.text === 'Again');
	expect(followUp).toBeGreaterThan(0);
	const after = JSON.stringify(entries.slice(followUp));
	expect(after).not.toContain(KEY);
	expect(after).toContain('Still [secret].');
	expect(after).toContain('key=[secret]');
});

import { expect, test, type Page } from '@playwright/test';
import { deflateSync } from 'fflate';
import { decodeShare, encodeShare, type SharedTask } from '../../src/lib/core/share/index.ts';
import { leaksOf } from '../unit/secrets/leaks.ts';
import { configure, modelScript, screenshot } from './peers.ts';

const patch = [
	'*** Begin Patch',
	'*** Update File: README.md',
	'@@',
	'-A repo with nothing but this README.',
	'+A repo whose README was edited by a shared task with variables.',
	'*** End Patch'
].join('\n');

const editScript = () =>
	modelScript({
		turns: [
			{ toolCalls: [{ name: 'apply_patch', arguments: { input: patch } }] },
			{ content: 'Edited the README.' }
		]
	});

// Built at run time so no scanner flags this repository itself.
const apiUrl = ['https://api.internal/', 'PLANTED', '-db-pass-0042'].join('');
const npmToken = ['npm_', 'PLANTEDsetupSecret', '0043'].join('');

/** An environment for acme/empty-ish on Lite with a variable and a setup-only secret. */
async function environmentWithValues(page: Page) {
	await page.goto('/#/environments/new');
	await page.getByLabel('Repository').fill('acme/empty-ish');
	await page.getByRole('button', { name: 'Look up' }).click();
	await expect(page.getByText(/^\d+ branch(es)?\b/)).toBeVisible();
	await page.getByRole('button', { name: 'Add variable' }).click();
	await page.getByLabel('Variable 1 name').fill('API_URL');
	await page.getByLabel('Variable 1 value').fill(apiUrl);
	await page.getByRole('button', { name: 'Add secret' }).click();
	await page.getByLabel('Secret 1 name').fill('NPM_TOKEN');
	await page.getByLabel('Secret 1 value').fill(npmToken);
	await page.getByLabel('Runtime').selectOption('lite');
	await page.getByRole('button', { name: 'Save environment' }).click();
	await expect(page).toHaveURL(/#\/environments\/[a-f0-9]{16}$/);
}

/** A link in the wire format around any JSON, as an attacker would make one. */
function linkOfJson(document: unknown): string {
	const bytes = deflateSync(new TextEncoder().encode(JSON.stringify(document)));
	return `pb1.${Buffer.from(bytes).toString('base64url')}`;
}

const minimalTask: SharedTask = {
	title: 'Shared by hand',
	repoUrl: 'https://github.com/acme/empty-ish',
	branch: 'main',
	mode: 'code',
	prompt: 'Shared by hand',
	followUps: [],
	environment: {
		setupScript: '',
		envVarNames: [],
		setupSecretNames: [],
		network: { access: 'off', preset: 'none', domains: [], methods: 'read' },
		runtime: 'lite'
	}
};

test('a link from an environment with variables and secrets opens for its sender and in a fresh browser, asks for the values, and runs', async ({
	page,
	browser
}) => {
	const first = await editScript();
	await configure(page, { modelBaseURL: first.baseURL, model: 'scripted-model' });
	await environmentWithValues(page);
	await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	await page
		.getByRole('textbox', { name: 'Task' })
		.fill(`Say what the repo is in the README\n\nThe API is at ${apiUrl}.`);
	await page.getByRole('button', { name: 'Code', exact: true }).click();
	await expect(page.getByTestId('changes')).toContainText('+1 −1 · 1 file');

	const share = page.getByTestId('share');
	await share.getByRole('button', { name: 'Share link…' }).click();
	await share.getByLabel('With the result and a log excerpt').check();
	await expect(share.getByTestId('share-size')).toBeVisible();
	const link = await share.getByTestId('share-url').inputValue();
	const payload = link.slice(link.indexOf('#/share/') + '#/share/'.length);
	const shared = decodeShare(payload);
	expect({
		names: [shared.environment.envVarNames, shared.environment.setupSecretNames],
		prompt: shared.prompt,
		leaks: leaksOf(JSON.stringify(shared), [apiUrl, npmToken])
	}).toStrictEqual({
		names: [['API_URL'], ['NPM_TOKEN']],
		prompt: 'Say what the repo is in the README\n\nThe API is at [secret].',
		leaks: {}
	});

	// The sender's own browser: its environment matches, so nothing is asked for.
	await page.goto(link);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Say what the repo is in the README'
	);
	const run = page.getByRole('region', { name: 'Run this task' });
	await expect(run).toContainText('It runs in your environment');
	await expect(run.getByRole('textbox')).toHaveCount(0);

	// A fresh browser: no environment, so each value is asked for, empty to begin with.
	const context = await browser.newContext();
	const other = await context.newPage();
	const second = await editScript();
	await configure(other, { modelBaseURL: second.baseURL, model: 'scripted-model' });
	await other.goto(link);
	await expect(other.getByRole('heading', { level: 1 })).toHaveText(
		'Say what the repo is in the README'
	);
	const asked = other.getByRole('region', { name: 'Run this task' });
	await expect(asked.getByLabel('API_URL')).toHaveValue('');
	await expect(asked.getByLabel('NPM_TOKEN')).toHaveValue('');
	await expect(asked.getByLabel('NPM_TOKEN')).toHaveAttribute('type', 'password');
	await screenshot(other, 'share-values-asked');
	await asked.getByRole('button', { name: 'Run this task' }).click();
	await expect(other).toHaveURL(/#\/tasks\/[a-f0-9]{16}$/);
	await expect(other.getByTestId('changes')).toContainText('+1 −1 · 1 file');

	// The environment made from the link has the names, with the empty values left as they were.
	await other.goto('/#/environments');
	await other
		.getByRole('link', { name: /empty-ish/ })
		.first()
		.click();
	await expect(other.getByLabel('Variable 1 name')).toHaveValue('API_URL');
	await expect(other.getByLabel('Variable 1 value')).toHaveValue('');
	await expect(other.getByLabel('Secret 1 name')).toHaveValue('NPM_TOKEN');
	await expect(other.getByLabel('Secret 1 value')).toHaveValue('');
	await context.close();
});

test('a link with 100,000 follow-ups, or one that inflates past the bound, is refused with a clear message', async ({
	page
}) => {
	const flood = linkOfJson({ version: 1, ...minimalTask, followUps: Array(100_000).fill('x') });
	expect(flood.length < 5_000).toBe(true);
	await page.goto(`/#/share/${flood}`);
	await expect(page.getByTestId('share-error')).toHaveText(
		'This link has 100,000 follow-ups; at most 200 are allowed.'
	);
	await expect(page.getByRole('button', { name: 'Run this task' })).toHaveCount(0);
	await screenshot(page, 'share-refused-follow-ups');

	// 64 MB of JSON whitespace deflates to a few tens of KB; inflation stops at its bound.
	const bomb = `pb1.${Buffer.from(deflateSync(new Uint8Array(64 * 1024 * 1024).fill(0x20))).toString('base64url')}`;
	await page.goto(`/#/share/${bomb}`);
	await expect(page.getByTestId('share-error')).toHaveText(
		'The link expands to more than 8 MB; stopped there.'
	);
});

test('names from a link stay names: __proto__, constructor and a repeated name each get a field', async ({
	page
}) => {
	const odd: SharedTask = {
		...minimalTask,
		environment: {
			...minimalTask.environment,
			envVarNames: ['__proto__', 'constructor', 'SAME', 'SAME'],
			setupSecretNames: ['toString']
		}
	};
	await page.goto(`/#/share/${encodeShare(odd)}`);
	const run = page.getByRole('region', { name: 'Run this task' });
	const labels = run.locator('.field label');
	await expect(labels).toHaveText([
		'__proto__',
		'constructor',
		'SAME',
		'SAME',
		'toString (setup only)'
	]);
	await expect(run.locator('input[type=password]')).toHaveCount(5);
	for (const input of await run.locator('input[type=password]').all()) {
		await expect(input).toHaveValue('');
	}
});

test('a link whose patch changes 5,000 files shows the first 300', async ({ page }) => {
	const file = (index: number) =>
		`diff --git a/f${index}.txt b/f${index}.txt\nnew file mode 100644\n--- /dev/null\n+++ b/f${index}.txt\n@@ -0,0 +1 @@\n+x\n`;
	const patch = Array.from({ length: 5_000 }, (_, index) => file(index)).join('');
	const many: SharedTask = { ...minimalTask, result: { summary: 'Many files.', patch } };
	await page.goto(`/#/share/${encodeShare(many)}`);
	await expect(page.getByTestId('shared-changes-cut')).toHaveText(
		'The patch changes 5,000 files; the first 300 are shown here. Run the task to review them all.'
	);
	await expect(page.getByTestId('diff-review')).toContainText('300 files changed');
});

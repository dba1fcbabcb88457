import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
	configure,
	createEnvironment,
	modelScript,
	peer,
	PEER_TOKEN,
	screenshot
} from './peers.ts';

// Built at run time so no scanner flags this repository itself.
// The last six characters are the CRC-32 checksum GitHub tokens carry; the scan checks it.
const fakeToken = ['ghp', '_', 'Zq8xV2mN4rT6yB1cD3fG5hJ7kL9pQ0', '0ZrRxE'].join('');

test("a Code task's changes become a branch and a pull request; a planted token blocks the push until confirmed", async ({
	page
}) => {
	const patch = [
		'*** Begin Patch',
		'*** Add File: config.js',
		`+export const token = '${fakeToken}';`,
		'*** Update File: README.md',
		'@@',
		'-A repo with nothing but this README.',
		'+A repo with a README and a config file.',
		'*** End Patch'
	].join('\n');
	const { baseURL } = await modelScript({
		turns: [
			{ toolCalls: [{ name: 'apply_patch', arguments: { input: patch } }] },
			{ content: 'Added config.js and updated the README.' },
			{
				expect: {
					lastMessage: {
						role: 'user',
						contains: ['README.md line 3', 'Say what the config is for']
					}
				},
				toolCalls: [
					{
						name: 'apply_patch',
						arguments: {
							input: [
								'*** Begin Patch',
								'*** Update File: README.md',
								'@@',
								'-A repo with a README and a config file.',
								'+A repo with a README and a config file (the API token lives in config.js).',
								'*** End Patch'
							].join('\n')
						}
					}
				]
			},
			{ content: 'Explained the config in the README.' }
		]
	});
	await configure(page, {
		modelBaseURL: baseURL,
		model: 'scripted-model',
		githubToken: PEER_TOKEN
	});
	await createEnvironment(page, 'acme/empty-ish');
	await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	await page.getByRole('textbox', { name: 'Task' }).fill('Add a config file');
	await page.getByRole('button', { name: 'Code', exact: true }).click();

	const changes = page.getByTestId('changes');
	await expect(changes).toContainText('+2 −1 · 2 files');
	await expect(changes).toContainText('config.js');
	const review = page.getByTestId('diff-review');
	await expect(review).toContainText('2 files changed');
	await review.getByRole('button', { name: 'Unified' }).click();
	await expect(review).toHaveAttribute('data-layout', 'line-by-line');
	await review.getByRole('button', { name: 'Split' }).click();
	await expect(review).toHaveAttribute('data-layout', 'side-by-side');
	await expect(
		review.locator('td', { hasText: 'A repo with a README and a config file.' }).last()
	).toBeVisible();
	// The review renders files as they scroll into view: picture it where a person would look.
	await review.scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/screenshots/review-split.png' });
	await review.locator('td', { hasText: 'A repo with a README and a config file.' }).last().click();
	await page.getByTestId('comment-box').getByRole('textbox').fill('Say what the config is for.');
	await page.getByTestId('comment-box').getByRole('button', { name: 'Add comment' }).click();
	await review.getByRole('button', { name: 'Send 1 comment' }).click();
	await expect(page.getByTestId('final').last()).toContainText(
		'Explained the config in the README.'
	);
	await expect(changes).toContainText('the API token lives in config.js');

	await changes.getByRole('button', { name: 'Create PR' }).click();
	const hits = page.getByTestId('secret-hits');
	await expect(hits).toContainText('config.js:1');
	await expect(hits).toContainText('github-token');
	await expect(hits).not.toContainText(fakeToken);
	await screenshot(page, 'ship-secret-hold');
	await hits.getByRole('button', { name: 'Push anyway' }).click();
	const created = page.getByTestId('pr-created');
	await expect(created).toContainText('Pushed patchbay/add-a-config-file');
	await screenshot(page, 'ship-pr-created');

	await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	await expect(page.getByRole('list', { name: 'Tasks' })).toContainText('+2 −1');

	const pulls = (await (
		await fetch(`${peer('github')}/repos/acme/empty-ish/pulls?state=open`)
	).json()) as { title: string; body: string; head: { ref: string } }[];
	const pr = pulls.find((p) => p.head.ref === 'patchbay/add-a-config-file');
	expect(pr?.title).toBe('Add a config file');
	expect(pr?.body).toContain('Add a config file');
	// The body tells the whole task: the request, every follow-up (here the review comment), the summary.
	expect(pr?.body).toContain(
		'README.md line 3 (`A repo with a README and a config file.`): Say what the config is for.'
	);
	expect(pr?.body).toContain('Explained the config in the README.');
	const bare = join(peer('root'), 'acme', 'empty-ish.git');
	const tree = execFileSync(
		'git',
		['--git-dir', bare, 'ls-tree', '-r', '--name-only', 'patchbay/add-a-config-file'],
		{ encoding: 'utf8' }
	);
	expect(tree.trim().split('\n')).toEqual(['README.md', 'config.js']);
	const readme = execFileSync(
		'git',
		['--git-dir', bare, 'show', 'patchbay/add-a-config-file:README.md'],
		{ encoding: 'utf8' }
	);
	expect(readme).toContain(
		'A repo with a README and a config file (the API token lives in config.js).'
	);
});

import { expect, test, type Page } from '@playwright/test';
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

// A day with one task: a Code task, a reload, a follow-up, a reload, two line comments sent, a
// reload, and a pull request. Each step's diff is read in the sandbox by the scripted model (the
// peer checks the tool's output), the review shows the mode change and the retargeted symlink,
// a Viewed mark survives reloads, and the pushed branch is read with git on the bare repository.

const LONG =
	'This line is long on purpose: the review must wrap it in the unified layout and scroll it side by side, never clip it, whatever the width of the window is today.';
const readmeEdit = (from: string, to: string) =>
	[
		'*** Begin Patch',
		'*** Update File: README.md',
		'@@',
		`-${from}`,
		`+${to}`,
		'*** End Patch'
	].join('\n');
const README_LAST = 'nested folder (`docs/guide/`).';

async function scriptState(id: string) {
	return (await (await fetch(`${peer('model')}/_scripts/${id}`)).json()) as {
		mismatches: unknown[];
		consumed: number;
	};
}

const git = (bare: string, ...args: string[]) =>
	execFileSync('git', ['--git-dir', bare, ...args], { encoding: 'utf8' });

async function reloadDone(page: Page, finals: number) {
	await page.reload();
	await expect(page.locator('.attempt-head [data-status]')).toHaveAttribute('data-status', 'done');
	await expect(page.getByTestId('final')).toHaveCount(finals);
}

test('a day with one task: Code, follow-up, line comments, pull request, with reloads between', async ({
	page
}) => {
	test.setTimeout(180_000);
	const { baseURL, id } = await modelScript({
		turns: [
			// Morning: the task.
			{
				expect: { lastMessage: { role: 'user', contains: 'Make the guide runnable' } },
				toolCalls: [
					{
						name: 'shell',
						arguments: {
							command:
								'chmod +x docs/guide/intro.md && rm link-to-readme && ln -s docs/guide/intro.md link-to-readme && git diff'
						}
					}
				]
			},
			{
				expect: {
					lastMessage: {
						role: 'tool',
						contains: [
							'diff --git a/docs/guide/intro.md b/docs/guide/intro.md',
							'old mode 100644',
							'new mode 100755',
							'-README.md',
							'+docs/guide/intro.md'
						]
					}
				},
				content: 'Made the guide executable and pointed the link at it.'
			},
			// Noon, after a reload: a follow-up on a rebuilt sandbox.
			{
				expect: { lastMessage: { role: 'user', contains: 'Add a long line to the README' } },
				toolCalls: [
					{
						name: 'apply_patch',
						arguments: { input: readmeEdit(README_LAST, `${README_LAST}\n+\n+${LONG}`) }
					}
				]
			},
			{
				toolCalls: [{ name: 'shell', arguments: { command: 'git diff' } }]
			},
			{
				// The whole work so far: the morning's mode and link kept in the rebuilt sandbox.
				expect: {
					lastMessage: {
						role: 'tool',
						contains: ['new mode 100755', '+docs/guide/intro.md', `+${LONG}`]
					}
				},
				content: 'Added the long line.'
			},
			// Afternoon, after a reload: two line comments as one follow-up.
			{
				expect: {
					lastMessage: {
						role: 'user',
						contains: ['Say it is a fixture.', 'Shorter, please.']
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
								'-# exec-and-symlink',
								'+# exec-and-symlink (a fixture)',
								'@@',
								`-${LONG}`,
								'+A short line.',
								'*** End Patch'
							].join('\n')
						}
					}
				]
			},
			{ toolCalls: [{ name: 'shell', arguments: { command: 'cat README.md' } }] },
			{
				expect: {
					lastMessage: {
						role: 'tool',
						contains: ['# exec-and-symlink (a fixture)', 'A short line.'],
						notContains: [LONG]
					}
				},
				content: 'Addressed both comments.'
			}
		]
	});
	// Tall enough that a page screenshot shows the review's files painted (they paint near the
	// viewport only).
	await page.setViewportSize({ width: 1280, height: 2400 });
	await configure(page, {
		modelBaseURL: baseURL,
		model: 'scripted-model',
		githubToken: PEER_TOKEN
	});
	await createEnvironment(page, 'acme/exec-and-symlink');
	await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	await page.getByRole('textbox', { name: 'Task' }).fill('Make the guide runnable and link to it');
	await page.getByRole('button', { name: 'Code', exact: true }).click();

	const status = page.locator('.attempt-head [data-status]');
	const changes = page.getByTestId('changes');
	const review = page.getByTestId('diff-review');
	await expect(page.getByTestId('final')).toContainText('Made the guide executable');
	await expect(status).toHaveAttribute('data-status', 'done');
	const guide = review.locator('[data-testid="review-file"][data-path="docs/guide/intro.md"]');
	const link = review.locator('[data-testid="review-file"][data-path="link-to-readme"]');
	await expect(guide).toContainText('Mode changed from 100644 to 100755.');
	await expect(link).toContainText(
		'Symbolic link retargeted from README.md to docs/guide/intro.md.'
	);
	await review.scrollIntoViewIfNeeded();
	await screenshot(page, 'day-mode-and-symlink');
	// Viewed folds the file away and is stored with the attempt.
	await guide.locator('header').getByLabel('Viewed').check();
	await expect(guide.getByRole('button', { name: 'Expand docs/guide/intro.md' })).toBeVisible();

	await reloadDone(page, 1);
	await expect(guide.locator('header').getByLabel('Viewed')).toBeChecked();
	await expect(link.locator('header').getByLabel('Viewed')).not.toBeChecked();

	await page.getByLabel('Follow-up').fill('Add a long line to the README');
	await page.getByRole('button', { name: 'Send', exact: true }).click();
	await expect(page.getByTestId('final').last()).toContainText('Added the long line.');
	await expect(status).toHaveAttribute('data-status', 'done');
	const readme = review.locator('[data-testid="review-file"][data-path="README.md"]');
	await expect(readme).toContainText(LONG);
	// The guide's diff did not change: it stays Viewed.
	await expect(guide.locator('header').getByLabel('Viewed')).toBeChecked();

	await reloadDone(page, 2);
	await expect(guide.locator('header').getByLabel('Viewed')).toBeChecked();
	// The long line is not clipped: in both layouts its box scrolls sideways over all of it.
	const reach = (box: ReturnType<Page['locator']>) =>
		box.evaluate((el, long) => {
			const cell = [...el.querySelectorAll('.d2h-code-line-ctn')].find((c) =>
				c.textContent?.includes(long)
			)!;
			const range = document.createRange();
			range.selectNodeContents(cell);
			const start = el.getBoundingClientRect().left;
			return {
				scrolls: el.scrollWidth > el.clientWidth,
				// The text's right end, from the box's left edge, is inside what scrolling reaches.
				reached: range.getBoundingClientRect().right - start <= el.scrollWidth + 1
			};
		}, LONG);
	await review.getByRole('button', { name: 'Unified' }).click();
	await expect(readme.locator('.d2h-code-line-ctn', { hasText: LONG })).toBeAttached();
	expect(await reach(readme.locator('.d2h-file-diff'))).toStrictEqual({
		scrolls: true,
		reached: true
	});
	await readme.scrollIntoViewIfNeeded();
	await screenshot(page, 'day-long-line-unified');
	await review.getByRole('button', { name: 'Split' }).click();
	await expect(readme.locator('.d2h-files-diff')).toBeAttached();
	expect(await reach(readme.locator('.d2h-file-side-diff').last())).toStrictEqual({
		scrolls: true,
		reached: true
	});
	await screenshot(page, 'day-long-line-split');

	// Two line comments, sent as one follow-up.
	await readme.locator('td', { hasText: 'Holds an executable script' }).last().click();
	await page.getByTestId('comment-box').getByRole('textbox').fill('Say it is a fixture.');
	await page.getByTestId('comment-box').getByRole('button', { name: 'Add comment' }).click();
	await readme.locator('td', { hasText: LONG }).last().click();
	await page.getByTestId('comment-box').getByRole('textbox').fill('Shorter, please.');
	await page.getByTestId('comment-box').getByRole('button', { name: 'Add comment' }).click();
	await review.getByRole('button', { name: 'Send 2 comments' }).click();
	await expect(page.getByTestId('final').last()).toContainText('Addressed both comments.');
	await expect(status).toHaveAttribute('data-status', 'done');
	await expect(readme).toContainText('A short line.');

	await reloadDone(page, 3);
	await expect(changes).toContainText('3 files');
	await changes.getByRole('button', { name: 'Create PR' }).click();
	await expect(page.getByTestId('pr-created')).toContainText('Pushed patchbay/');
	await screenshot(page, 'day-pr-created');

	const state = await scriptState(id);
	expect(state.mismatches).toEqual([]);
	expect(state.consumed).toBe(8);

	// The pushed branch holds exactly the reviewed tree, modes and link target included.
	const pulls = (await (
		await fetch(`${peer('github')}/repos/acme/exec-and-symlink/pulls?state=open`)
	).json()) as { title: string; body: string; head: { ref: string } }[];
	const pr = pulls.find((p) => p.title === 'Make the guide runnable and link to it');
	expect(pr).toBeDefined();
	const branch = pr!.head.ref;
	const bare = join(peer('root'), 'acme', 'exec-and-symlink.git');
	const tree = git(bare, 'ls-tree', '-r', branch)
		.trim()
		.split('\n')
		.map((line) => line.replace(/ blob [0-9a-f]{40}\t/, ' '));
	expect(tree).toEqual([
		'100644 README.md',
		'100755 bin/run.sh',
		'100755 docs/guide/intro.md',
		'120000 link-to-readme'
	]);
	expect(git(bare, 'cat-file', '-p', `${branch}:link-to-readme`)).toBe('docs/guide/intro.md');
	const baseReadme = git(bare, 'show', 'main:README.md');
	expect(git(bare, 'show', `${branch}:README.md`)).toBe(
		baseReadme
			.replace('# exec-and-symlink', '# exec-and-symlink (a fixture)')
			.replace(`${README_LAST}\n`, `${README_LAST}\n\nA short line.\n`)
	);
	expect(git(bare, 'log', '-1', '--format=%s', branch).trim()).toBe(
		'Make the guide runnable and link to it'
	);
	// The body's Summary tells every turn, not the last one only.
	const summary = pr!.body.slice(pr!.body.indexOf('## Summary'), pr!.body.indexOf('## Tests run'));
	expect(summary).toBe(
		[
			'## Summary',
			'',
			'**Request**',
			'',
			'Made the guide executable and pointed the link at it.',
			'',
			'**Follow-up 1**',
			'',
			'Added the long line.',
			'',
			'**Follow-up 2**',
			'',
			'Addressed both comments.',
			'',
			''
		].join('\n')
	);

	// The task list shows the lines changed and the request.
	await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	const row = page.getByRole('list', { name: 'Tasks' }).getByRole('listitem').filter({
		hasText: 'Make the guide runnable'
	});
	await expect(row).toContainText('+4 −2');
	await screenshot(page, 'day-task-list');
});

// Shipping beyond the happy path: every GitHub refusal shows what to do about it, the
// downloaded patch applies with the real `git apply`, a base branch that moved on is offered a
// rebase, and a repository on a plain git host is pushed as a branch over smart HTTP.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFixtureRepos } from '../fixtures/build-repos.ts';
import {
	configure,
	createEnvironment,
	githubControl,
	modelScript,
	peer,
	PEER_TOKEN,
	screenshot
} from './peers.ts';

let copies = 0;

/** A fresh copy of the fixture repos under a new owner, so pushes here meet no other test's. */
async function freshOwner(): Promise<string> {
	const owner = `ship${process.pid}x${++copies}`;
	await buildFixtureRepos(peer('root'), { owner });
	return owner;
}

const bareRepo = (owner: string, repo: string) => join(peer('root'), owner, `${repo}.git`);
const git = (gitDir: string, ...args: string[]) =>
	execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8' }).trim();

const patchOf = (...lines: string[]) => ['*** Begin Patch', ...lines, '*** End Patch'].join('\n');

/** Settings, an environment for `repo`, and a Code task whose scripted model applies `patch`. */
async function runCodeTask(page: Page, repo: string, title: string, patch: string) {
	const { baseURL } = await modelScript({
		turns: [
			{ toolCalls: [{ name: 'apply_patch', arguments: { input: patch } }] },
			{ content: 'Done.' }
		]
	});
	await configure(page, {
		modelBaseURL: baseURL,
		model: 'scripted-model',
		githubToken: PEER_TOKEN
	});
	await createEnvironment(page, repo);
	await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	await page.getByRole('textbox', { name: 'Task' }).fill(title);
	await page.getByRole('button', { name: 'Code', exact: true }).click();
	const changes = page.getByTestId('changes');
	await expect(changes.getByRole('button', { name: 'Download .patch' })).toBeVisible();
	return changes;
}

const readmeEdit = patchOf(
	'*** Update File: README.md',
	'@@',
	'-A repo with nothing but this README.',
	'+A repo with a README that says more.'
);

test('each GitHub refusal says what to do next', async ({ page }) => {
	const owner = await freshOwner();
	const changes = await runCodeTask(page, `${owner}/empty-ish`, 'Say more', readmeEdit);
	const createPr = changes.getByRole('button', { name: 'Create PR' });
	const shipState = page.getByTestId('ship-state');
	const repoPath = `/repos/${owner}/empty-ish`;
	const refusals = [
		{
			name: 'ship-error-no-contents-write',
			fault: {
				method: 'POST',
				pathPattern: `^${repoPath}/git/blobs`,
				status: 403,
				body: { message: 'Resource not accessible by personal access token' }
			},
			code: 'no-write-access',
			texts: [
				`The token may not push to ${owner}/empty-ish (403 Resource not accessible by personal access token).`,
				'"Contents: Read and write"'
			]
		},
		{
			name: 'ship-error-branch-protected',
			fault: {
				method: 'POST',
				pathPattern: `^${repoPath}/git/refs`,
				status: 422,
				body: { message: 'Cannot create ref due to creations being restricted.' }
			},
			code: 'branch-protected',
			texts: [
				'GitHub refused to move the branch: Cannot create ref due to creations being restricted.',
				'change the branch prefix in Settings'
			]
		},
		{
			name: 'ship-error-validation',
			fault: {
				method: 'POST',
				pathPattern: `^${repoPath}/git/trees`,
				status: 422,
				body: {
					message: 'Validation Failed',
					errors: [{ resource: 'Tree', field: 'tree', code: 'invalid' }]
				}
			},
			code: 'http-error',
			texts: ['GitHub refused the request (422 Validation Failed: tree invalid).']
		},
		{
			name: 'ship-error-no-pr-write',
			fault: {
				method: 'POST',
				pathPattern: `^${repoPath}/pulls`,
				status: 403,
				body: { message: 'Resource not accessible by personal access token' }
			},
			code: 'no-pr-access',
			texts: [
				`The token may not open pull requests on ${owner}/empty-ish (403 Resource not accessible by personal access token).`,
				'"Pull requests: Read and write"'
			]
		}
	];
	for (const refusal of refusals) {
		await githubControl('faults', { method: 'POST', body: refusal.fault });
		await createPr.click();
		const error = shipState.locator('.notice.error');
		await expect(error).toHaveAttribute('data-code', refusal.code);
		for (const text of refusal.texts) await expect(error).toContainText(text);
		await screenshot(page, refusal.name);
		await githubControl('faults', { method: 'DELETE' });
	}

	await githubControl('repo-options', {
		method: 'POST',
		body: { owner, repo: 'empty-ish', options: { archived: true } }
	});
	await createPr.click();
	await expect(shipState.locator('.notice.error')).toHaveAttribute('data-code', 'repo-archived');
	await expect(shipState).toContainText(`${owner}/empty-ish is archived, so it is read-only.`);
	await expect(shipState).toContainText('Unarchive it in the repository settings');
	await screenshot(page, 'ship-error-archived');
	await githubControl('repo-options', {
		method: 'POST',
		body: { owner, repo: 'empty-ish', options: {} }
	});

	// A token GitHub does not know (mistyped, expired, revoked): 401 on the first call.
	const taskUrl = page.url();
	await configure(page, { githubToken: 'ghp_revokedToken000000000000000000000' });
	await page.goto(taskUrl);
	await changes.getByRole('button', { name: 'Create PR' }).click();
	await expect(shipState.locator('.notice.error')).toHaveAttribute('data-code', 'unauthorized');
	await expect(shipState).toContainText('GitHub refused the token (401 Bad credentials).');
	await expect(shipState).toContainText('create a new one at github.com/settings/tokens');
	await screenshot(page, 'ship-error-unauthorized');
	// Nothing was left behind by any of the refusals but the one branch pushed before the PR step.
	expect(git(bareRepo(owner, 'empty-ish'), 'for-each-ref', '--format=%(refname)')).toBe(
		'refs/heads/main\nrefs/heads/patchbay/say-more'
	);
});

test('the downloaded patch applies with git apply to the baseline and gives the attempt tree', async ({
	page
}) => {
	const owner = await freshOwner();
	const patch = patchOf(
		'*** Update File: README.md',
		'@@',
		'-A repo with nothing but this README.',
		'+A repo with a README,',
		'+a script and notes.',
		'*** Add File: scripts/hello.sh',
		'+#!/bin/sh',
		'+echo "héllo wörld"',
		'*** Add File: docs/notes.md',
		'+Notes.'
	);
	const changes = await runCodeTask(page, `${owner}/empty-ish`, 'Add a script', patch);
	const downloading = page.waitForEvent('download');
	await changes.getByRole('button', { name: 'Download .patch' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(/\.patch$/);
	const work = mkdtempSync(join(tmpdir(), 'patchbay-apply-'));
	try {
		const patchFile = join(work, 'attempt.patch');
		await download.saveAs(patchFile);
		const checkout = join(work, 'repo');
		execFileSync('git', ['clone', '-q', bareRepo(owner, 'empty-ish'), checkout]);
		const inRepo = (...args: string[]) =>
			execFileSync('git', ['-C', checkout, ...args], { encoding: 'utf8' }).trim();
		inRepo('apply', '--check', patchFile);
		inRepo('apply', patchFile);
		inRepo('add', '-A');
		const expected: Record<string, string> = {
			'README.md': '# empty-ish\n\nA repo with a README,\na script and notes.\n',
			'docs/notes.md': 'Notes.\n',
			'scripts/hello.sh': '#!/bin/sh\necho "héllo wörld"\n'
		};
		const blob = (text: string) =>
			execFileSync('git', ['hash-object', '--stdin'], { input: text, encoding: 'utf8' }).trim();
		expect(inRepo('ls-files', '-s').split('\n')).toEqual(
			Object.entries(expected).map(([path, text]) => `100644 ${blob(text)} 0\t${path}`)
		);
		expect(readFileSync(join(checkout, 'README.md'), 'utf8')).toBe(expected['README.md']);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
});

test('a base branch that moved on is offered a rebase; the branch then sits on the new head', async ({
	page
}) => {
	const owner = await freshOwner();
	const patch = patchOf(
		'*** Update File: src/sum.js',
		'@@',
		'-	for (let i = 1; i < numbers.length; i++) total += numbers[i];',
		'+	for (let i = 0; i < numbers.length; i++) total += numbers[i];'
	);
	const changes = await runCodeTask(page, `${owner}/ts-failing-test`, 'Fix sum', patch);
	// Someone else's commit lands on main after the task started: a new first line in sum.js.
	const bare = bareRepo(owner, 'ts-failing-test');
	const work = mkdtempSync(join(tmpdir(), 'patchbay-upstream-'));
	try {
		execFileSync('git', ['clone', '-q', bare, work]);
		const sumPath = join(work, 'src', 'sum.js');
		writeFileSync(sumPath, `// Upstream header.\n${readFileSync(sumPath, 'utf8')}`);
		const env = {
			...process.env,
			GIT_AUTHOR_NAME: 'u',
			GIT_AUTHOR_EMAIL: 'u@example.com',
			GIT_COMMITTER_NAME: 'u',
			GIT_COMMITTER_EMAIL: 'u@example.com'
		};
		execFileSync('git', ['-C', work, 'commit', '-qam', 'Upstream header'], { env });
		execFileSync('git', ['-C', work, 'push', '-q', 'origin', 'main']);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
	const newHead = git(bare, 'rev-parse', 'main');

	await changes.getByRole('button', { name: 'Create PR' }).click();
	const moved = page.getByTestId('base-moved');
	await expect(moved).toContainText('main has moved on since this task started.');
	await expect(moved).toContainText(newHead.slice(0, 7));
	await screenshot(page, 'ship-base-moved');
	await moved.getByRole('button', { name: 'Rebase onto the new head' }).click();
	const created = page.getByTestId('pr-created');
	await expect(created).toContainText(
		'Pushed patchbay/fix-sum, rebased onto the new head of main.'
	);
	await screenshot(page, 'ship-rebased');
	expect(git(bare, 'rev-parse', 'patchbay/fix-sum^')).toBe(newHead);
	expect(git(bare, 'show', 'patchbay/fix-sum:src/sum.js').split('\n').slice(0, 5)).toEqual([
		'// Upstream header.',
		'/** Adds up a list of numbers. */',
		'export function sum(numbers) {',
		'	let total = 0;',
		'	for (let i = 0; i < numbers.length; i++) total += numbers[i];'
	]);
	expect(git(bare, 'diff', '--name-only', 'main', 'patchbay/fix-sum')).toBe('src/sum.js');
});

test('a repository on a plain git host is pushed as a branch over smart HTTP', async ({ page }) => {
	const owner = await freshOwner();
	const repoUrl = `${peer('git')}/${owner}/empty-ish.git`;
	const changes = await runCodeTask(page, repoUrl, 'Say more', readmeEdit);
	await expect(changes.getByRole('button', { name: 'Create PR' })).toHaveCount(0);
	await changes.getByRole('button', { name: 'Push branch' }).click();
	const pushed = page.getByTestId('branch-pushed');
	await expect(pushed).toContainText('Pushed patchbay/say-more.');
	await expect(pushed).toContainText(
		'Open a pull or merge request from patchbay/say-more into main'
	);
	await screenshot(page, 'ship-git-host-pushed');
	const bare = bareRepo(owner, 'empty-ish');
	expect(git(bare, 'rev-parse', 'patchbay/say-more^')).toBe(git(bare, 'rev-parse', 'main'));
	expect(git(bare, 'show', 'patchbay/say-more:README.md')).toBe(
		'# empty-ish\n\nA repo with a README that says more.'
	);
	// The branch is remembered at once, and after a reload: the next push goes to it.
	await expect(changes.getByRole('button', { name: 'Push to the branch' })).toBeVisible();
	await page.reload();
	await expect(changes.getByRole('button', { name: 'Push to the branch' })).toBeVisible();
});

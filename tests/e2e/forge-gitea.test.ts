// Gitea/Forgejo end to end against its peer (API v1 and smart HTTP over real bare repos): paste
// a repository, a Code task, review, Create PR — the branch (pushed over git) holds exactly the
// reviewed tree, the pull request tells the whole task, a follow-up updates the same request;
// a token without write:repository says so.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildFixtureRepos } from '../fixtures/build-repos.ts';
import {
	configure,
	GITEA_READ_TOKEN,
	GITEA_TOKEN,
	modelScript,
	peer,
	screenshot
} from './peers.ts';

let copies = 0;
async function freshOwner(): Promise<string> {
	const owner = `gt${process.pid}x${++copies}`;
	await buildFixtureRepos(peer('root'), { owner });
	return owner;
}

const git = (gitDir: string, ...args: string[]) =>
	execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8' }).trim();

async function addGiteaHost(page: Page, token: string) {
	await page.goto('/#/settings');
	await page.waitForFunction(() => !document.querySelector('meta[data-patchbay-connect]'));
	await page.getByRole('button', { name: 'Add a git host' }).click();
	const row = page.getByTestId('git-host').last();
	await row.getByLabel('Host', { exact: true }).fill(new URL(peer('gitea')).host);
	await row.getByLabel('Token', { exact: true }).fill(token);
	await row.getByLabel('Kind').selectOption('gitea');
	await row.getByRole('button', { name: 'Test' }).click();
	await expect(row.getByTestId('git-host-check')).toContainText('Signed in as forgejo');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await page.getByText('Saved', { exact: true }).waitFor();
}

const work = [
	'mkdir -p tools assets',
	"printf 'Now with tools.\\n' >> README.md",
	'rm docs/guide/intro.md',
	"printf '#!/bin/sh\\necho build\\n' > tools/build.sh",
	'chmod +x tools/build.sh',
	'echo AP8BUE5H | base64 -d > assets/blob.bin'
].join(' && ');

async function runTask(page: Page, repo: string, token: string, followUp = false) {
	const turns: unknown[] = [
		{ toolCalls: [{ name: 'shell', arguments: { command: work } }] },
		{ content: 'Added a build script and a blob, dropped the intro.' }
	];
	if (followUp) {
		turns.push(
			{
				expect: { lastMessage: { role: 'user', contains: 'Also mention the blob' } },
				toolCalls: [
					{ name: 'shell', arguments: { command: "printf 'And a blob.\\n' >> README.md" } }
				]
			},
			{ content: 'Mentioned the blob in the README.' }
		);
	}
	const { baseURL } = await modelScript({ turns });
	await configure(page, { modelBaseURL: baseURL, model: 'scripted-model' });
	await addGiteaHost(page, token);
	await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	await page.getByRole('textbox', { name: 'Repository' }).fill(`${peer('gitea')}/${repo}`);
	await page.getByRole('button', { name: 'Use', exact: true }).click();
	await expect(page.getByTestId('setup-proposal')).toBeVisible();
	await page.getByRole('textbox', { name: 'Task' }).fill('Add a build script');
	await page.getByRole('button', { name: 'Code', exact: true }).click();
	const changes = page.getByTestId('changes');
	await expect(changes).toContainText('4 files');
	return changes;
}

test('a Gitea repository: Code task, review, pull request with the exact tree, a follow-up updates it', async ({
	page
}) => {
	const owner = await freshOwner();
	const repo = `${owner}/exec-and-symlink`;
	const bare = join(peer('root'), owner, 'exec-and-symlink.git');
	const changes = await runTask(page, repo, GITEA_TOKEN, true);
	await changes.getByRole('button', { name: 'Create PR' }).click();
	const created = page.getByTestId('pr-created');
	await expect(created).toContainText('Pushed patchbay/add-a-build-script');
	await expect(created.getByRole('link', { name: 'Open the pull request' })).toHaveAttribute(
		'href',
		`${peer('gitea')}/${repo}/pulls/1`
	);
	await screenshot(page, 'forge-gitea-pr-created');
	const branch = 'patchbay/add-a-build-script';
	const blob = (bytes: string | Buffer) =>
		execFileSync('git', ['hash-object', '--stdin'], { input: bytes, encoding: 'utf8' }).trim();
	const readme = `${git(bare, 'show', 'main:README.md')}\nNow with tools.\n`;
	expect(git(bare, 'ls-tree', '-r', branch).split('\n')).toEqual([
		`100644 blob ${blob(readme)}\tREADME.md`,
		`100644 blob ${blob(Buffer.from([0, 255, 1, 80, 78, 71]))}\tassets/blob.bin`,
		`100755 blob ${git(bare, 'rev-parse', 'main:bin/run.sh')}\tbin/run.sh`,
		`120000 blob ${git(bare, 'rev-parse', 'main:link-to-readme')}\tlink-to-readme`,
		`100755 blob ${blob('#!/bin/sh\necho build\n')}\ttools/build.sh`
	]);
	const first = git(bare, 'rev-parse', branch);
	type Pull = { number: number; title: string; body: string; head: string; updatedCount: number };
	const pulls = async () =>
		(await (await fetch(`${peer('gitea')}/_control/pulls?repo=${repo}`)).json()) as Pull[];
	const [pull] = await pulls();
	expect(pull).toMatchObject({
		number: 1,
		title: 'Add a build script',
		head: branch,
		updatedCount: 0
	});
	expect(pull?.body).toContain('Added a build script and a blob, dropped the intro.');

	await page.getByLabel('Follow-up').fill('Also mention the blob in the README.');
	await page.getByRole('button', { name: 'Send' }).click();
	await expect(page.getByTestId('final').last()).toContainText('Mentioned the blob in the README.');
	await changes.getByRole('button', { name: 'Push to the pull request' }).click();
	await expect(page.getByTestId('pr-created')).toContainText(`Pushed ${branch}`);
	expect(git(bare, 'rev-parse', `${branch}^`)).toBe(first);
	const after = await pulls();
	expect(after).toHaveLength(1);
	expect(after[0]).toMatchObject({ number: 1, updatedCount: 1 });
	expect(after[0]?.body).toContain('Also mention the blob in the README.');
});

test('a Gitea token without write:repository, and a protected branch, each say what to do', async ({
	page
}) => {
	const owner = await freshOwner();
	const changes = await runTask(page, `${owner}/exec-and-symlink`, GITEA_READ_TOKEN);
	const taskPage = page.url();
	await changes.getByRole('button', { name: 'Create PR' }).click();
	const error = page.locator('[data-code="missing-scope"]');
	await expect(error).toContainText(
		`The Gitea token may read ${owner}/exec-and-symlink but not push to it (403).`
	);
	await expect(error).toContainText('Give the token the write:repository scope');
	await screenshot(page, 'forge-gitea-read-token');

	// The right token now, but the branch Patchbay writes is protected.
	const protect = await fetch(`${peer('gitea')}/_control/protect`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ repo: `${owner}/exec-and-symlink`, pattern: 'patchbay/*' })
	});
	expect(protect.status).toBe(204);
	await page.goto('/#/settings');
	await page.waitForFunction(() => !document.querySelector('meta[data-patchbay-connect]'));
	await page.getByTestId('git-host').last().getByLabel('Token', { exact: true }).fill(GITEA_TOKEN);
	await page.getByRole('button', { name: 'Save settings' }).click();
	await page.getByText('Saved', { exact: true }).waitFor();
	await page.goto(taskPage);
	await page.getByTestId('changes').getByRole('button', { name: 'Create PR' }).click();
	const rejected = page.locator('[data-code="push-rejected"]');
	await expect(rejected).toContainText(
		'The git host refused to update patchbay/add-a-build-script: pre-receive hook declined.'
	);
	await expect(rejected).toContainText('A branch protection rule or a server hook may forbid it');
	expect(
		git(
			join(peer('root'), owner, 'exec-and-symlink.git'),
			'for-each-ref',
			'--format=%(refname)',
			'refs/heads/'
		)
	).toBe('refs/heads/main');
});

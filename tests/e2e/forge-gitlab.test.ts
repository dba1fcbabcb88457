// GitLab end to end against its peer (API v4 over real bare repos): paste a subgroup
// repository, a Code task, review, "Create merge request" — the branch holds exactly the
// reviewed tree (checked with git), the merge request tells the whole task, a follow-up
// updates the same request; a missing scope and a protected branch each say their own thing.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildFixtureRepos } from '../fixtures/build-repos.ts';
import {
	configure,
	GITLAB_READ_TOKEN,
	GITLAB_TOKEN,
	modelScript,
	peer,
	screenshot
} from './peers.ts';

let copies = 0;
/** A fresh copy of the fixtures under `gl<pid>x<n>/team`: a project in a subgroup. */
async function freshGroup(): Promise<string> {
	const group = `gl${process.pid}x${++copies}/team`;
	await buildFixtureRepos(peer('root'), { owner: group });
	return group;
}

const git = (gitDir: string, ...args: string[]) =>
	execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8' }).trim();
const gitlabHost = () => new URL(peer('gitlab')).host;

async function gitlabControl(path: string, body?: unknown): Promise<unknown> {
	const response = await fetch(`${peer('gitlab')}/_control/${path}`, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	if (!response.ok) throw new Error(`GitLab peer ${path}: ${response.status}`);
	return response.status === 204 ? null : response.json();
}

/** Settings → Git hosts: the peer's host as a GitLab, with `token`. */
async function addGitLabHost(page: Page, token: string) {
	await page.goto('/#/settings');
	await page.waitForFunction(() => !document.querySelector('meta[data-patchbay-connect]'));
	await page.getByRole('button', { name: 'Add a git host' }).click();
	const row = page.getByTestId('git-host').last();
	await row.getByLabel('Host', { exact: true }).fill(gitlabHost());
	await row.getByLabel('Token', { exact: true }).fill(token);
	await row.getByLabel('Kind').selectOption('gitlab');
	await row.getByRole('button', { name: 'Test' }).click();
	await expect(row.getByTestId('git-host-check')).toContainText(
		token === GITLAB_TOKEN ? 'Signed in as tanuki · scopes: api.' : 'Missing: api'
	);
	await screenshot(page, `forge-gitlab-settings-${token === GITLAB_TOKEN ? 'api' : 'read'}`);
	await page.getByRole('button', { name: 'Save settings' }).click();
	await page.getByText('Saved', { exact: true }).waitFor();
}

const work = [
	'mkdir -p tools assets',
	"printf 'Now with tools.\\n' >> README.md",
	'rm docs/guide/intro.md',
	"printf '#!/bin/sh\\necho build\\n' > tools/build.sh",
	'chmod +x tools/build.sh',
	// just-bash's printf writes \377 as UTF-8; base64 gives the exact bytes.
	'echo AP8BUE5H | base64 -d > assets/blob.bin'
].join(' && ');

/** Paste the project, take the proposed setup, run a Code task that does `work`. */
async function runTask(page: Page, project: string, token: string, followUp = false) {
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
	await addGitLabHost(page, token);
	await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	await page.getByRole('textbox', { name: 'Repository' }).fill(`${peer('gitlab')}/${project}`);
	await page.getByRole('button', { name: 'Use', exact: true }).click();
	await expect(page.getByTestId('setup-proposal')).toBeVisible();
	await expect(page.getByLabel('Branch')).toHaveValue('main');
	await page.getByRole('textbox', { name: 'Task' }).fill('Add a build script');
	await page.getByRole('button', { name: 'Code', exact: true }).click();
	const changes = page.getByTestId('changes');
	await expect(changes).toContainText('4 files');
	await expect(page.getByTestId('diff-review')).toContainText('tools/build.sh');
	return changes;
}

test('a GitLab project in a subgroup: Code task, review, merge request with the exact tree, a follow-up updates it', async ({
	page
}) => {
	const group = await freshGroup();
	const project = `${group}/exec-and-symlink`;
	const bare = join(peer('root'), group, 'exec-and-symlink.git');
	const changes = await runTask(page, project, GITLAB_TOKEN, true);
	await changes.getByRole('button', { name: 'Create merge request' }).click();
	const created = page.getByTestId('pr-created');
	await expect(created).toContainText('Pushed patchbay/add-a-build-script');
	const link = created.getByRole('link', { name: 'Open the merge request' });
	await expect(link).toHaveAttribute('href', `${peer('gitlab')}/${project}/-/merge_requests/1`);
	await screenshot(page, 'forge-gitlab-mr-created');

	// The checkout went through the API (tree and raw blobs), never over smart HTTP: gitlab.com
	// sends no CORS headers there. Only this project's requests count (other tests share the peer).
	const log = (await gitlabControl('requests')) as { method: string; path: string }[];
	const api = `/api/v4/projects/${encodeURIComponent(project)}/`;
	const mine = log.filter((r) => r.path.startsWith(api) || r.path.startsWith(`/${project}`));
	expect(mine.filter((r) => /info\/refs|git-upload-pack|git-receive-pack/.test(r.path))).toEqual(
		[]
	);
	expect(mine.some((r) => r.path.startsWith(`${api}repository/tree?`))).toBe(true);
	const fetched = mine.flatMap(
		(r) => /\/repository\/blobs\/([0-9a-f]{40})\/raw$/.exec(r.path)?.[1] ?? []
	);
	const listed = git(bare, 'ls-tree', '-r', 'main')
		.split('\n')
		.map((line) => line.split(/\s+/)[2]);
	expect(new Set(fetched)).toEqual(new Set(listed));

	// Exactly the reviewed tree: the baseline's entries, the deletion, the new executable and
	// binary, the symlink kept — every mode and blob id from git itself.
	const branch = 'patchbay/add-a-build-script';
	const blob = (bytes: string | Buffer) =>
		execFileSync('git', ['hash-object', '--stdin'], { input: bytes, encoding: 'utf8' }).trim();
	const readme = `${git(bare, 'show', 'main:README.md')}\nNow with tools.\n`;
	const expected = [
		`100644 blob ${blob(readme)}\tREADME.md`,
		`100644 blob ${blob(Buffer.from([0, 255, 1, 80, 78, 71]))}\tassets/blob.bin`,
		`100755 blob ${git(bare, 'rev-parse', 'main:bin/run.sh')}\tbin/run.sh`,
		`120000 blob ${git(bare, 'rev-parse', 'main:link-to-readme')}\tlink-to-readme`,
		`100755 blob ${blob('#!/bin/sh\necho build\n')}\ttools/build.sh`
	];
	expect(git(bare, 'ls-tree', '-r', branch).split('\n')).toEqual(expected);
	expect(git(bare, 'rev-parse', `${branch}^`)).toBe(git(bare, 'rev-parse', 'main'));
	const first = git(bare, 'rev-parse', branch);

	type Mr = {
		iid: number;
		title: string;
		description: string;
		source_branch: string;
		target_branch: string;
		updatedCount: number;
	};
	const mrs = () =>
		gitlabControl(`merge-requests?project=${encodeURIComponent(project)}`) as Promise<Mr[]>;
	const [mr] = await mrs();
	expect(mr).toMatchObject({
		iid: 1,
		title: 'Add a build script',
		source_branch: branch,
		target_branch: 'main',
		updatedCount: 0
	});
	expect(mr?.description).toContain('Add a build script');
	expect(mr?.description).toContain('Added a build script and a blob, dropped the intro.');

	// A follow-up: the same branch fast-forwarded, the same request updated with the whole task.
	await page.getByLabel('Follow-up').fill('Also mention the blob in the README.');
	await page.getByRole('button', { name: 'Send' }).click();
	await expect(page.getByTestId('final').last()).toContainText('Mentioned the blob in the README.');
	await changes.getByRole('button', { name: 'Push to the merge request' }).click();
	await expect(page.getByTestId('pr-created')).toContainText(`Pushed ${branch}`);
	expect(git(bare, 'rev-parse', `${branch}^`)).toBe(first);
	expect(git(bare, 'show', `${branch}:README.md`)).toBe(`${readme}And a blob.`);
	const after = await mrs();
	expect(after).toHaveLength(1);
	expect(after[0]).toMatchObject({ iid: 1, updatedCount: 1 });
	expect(after[0]?.description).toContain('Also mention the blob in the README.');
	expect(after[0]?.description).toContain('Mentioned the blob in the README.');

	await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	const list = page.getByRole('list', { name: 'Tasks' });
	await expect(list.getByRole('link', { name: '!1' })).toHaveAttribute(
		'href',
		`${peer('gitlab')}/${project}/-/merge_requests/1`
	);
	await screenshot(page, 'forge-gitlab-task-list');
});

test('a GitLab token without the api scope, and a protected branch, each say what to do', async ({
	page
}) => {
	const group = await freshGroup();
	const project = `${group}/exec-and-symlink`;
	const changes = await runTask(page, project, GITLAB_READ_TOKEN);
	const taskPage = page.url();
	await changes.getByRole('button', { name: 'Create merge request' }).click();
	const scope = page.locator('[data-code="missing-scope"]');
	await expect(scope).toContainText('The GitLab token lacks the `api` scope');
	await screenshot(page, 'forge-gitlab-missing-scope');

	// The right token now, but the branch Patchbay writes is protected.
	await gitlabControl('protect', { project, patterns: ['patchbay/*'] });
	await page.goto('/#/settings');
	await page.waitForFunction(() => !document.querySelector('meta[data-patchbay-connect]'));
	await page.getByTestId('git-host').last().getByLabel('Token', { exact: true }).fill(GITLAB_TOKEN);
	await page.getByRole('button', { name: 'Save settings' }).click();
	await page.getByText('Saved', { exact: true }).waitFor();
	await page.goto(taskPage);
	await page.getByTestId('changes').getByRole('button', { name: 'Create merge request' }).click();
	const protectedBranch = page.locator('[data-code="branch-protected"]');
	await expect(protectedBranch).toContainText('GitLab refused to write the branch');
	await expect(protectedBranch).toContainText('You are not allowed to push into this branch');
	expect(
		git(
			join(peer('root'), group, 'exec-and-symlink.git'),
			'for-each-ref',
			'--format=%(refname)',
			'refs/heads/'
		)
	).toBe('refs/heads/main');
});

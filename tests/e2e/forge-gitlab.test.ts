// GitLab end to end against its peer (API v4 over real bare repos): paste a subgroup
// repository, a Code task, review, "Create merge request" — the branch holds exactly the
// reviewed tree (checked with git), the merge request tells the whole task, a follow-up
// updates the same request; a missing scope and a protected branch each say their own thing.
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import {
	control,
	freshOwner,
	git,
	replaceHostToken,
	runTask as runJourney,
	workedReadme,
	workedTree,
	workTurns
} from './forge-journey.ts';
import { GITLAB_READ_TOKEN, GITLAB_TOKEN, peer, screenshot } from './peers.ts';

/** A fresh copy of the fixtures under `gl<pid>x<n>/team`: a project in a subgroup. */
const freshGroup = () => freshOwner('gl', '/team');
const gitlabControl = (path: string, body?: unknown) => control('gitlab', path, body);

/** Paste the project, take the proposed setup, run a Code task that does `work`. */
async function runTask(page: Page, project: string, token: string, followUp = false) {
	const api = token === GITLAB_TOKEN;
	const { changes } = await runJourney(page, {
		host: {
			kind: 'gitlab',
			token,
			check: api ? 'Signed in as tanuki · scopes: api.' : 'Missing: api',
			screenshot: `forge-gitlab-settings-${api ? 'api' : 'read'}`
		},
		repo: project,
		turns: workTurns(followUp),
		branch: 'main',
		reviewShows: 'tools/build.sh'
	});
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
	const readme = workedReadme(bare);
	expect(git(bare, 'ls-tree', '-r', branch).split('\n')).toEqual(workedTree(bare));
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
	await replaceHostToken(page, GITLAB_TOKEN);
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

// Gitea/Forgejo end to end against its peer (API v1 and smart HTTP over real bare repos): paste
// a repository, a Code task, review, Create PR — the branch (pushed over git) holds exactly the
// reviewed tree, the pull request tells the whole task, a follow-up updates the same request;
// a token without write:repository says so.
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import {
	control,
	controlRequest,
	freshOwner as freshCopy,
	git,
	replaceHostToken,
	runTask as runJourney,
	workedTree,
	workTurns
} from './forge-journey.ts';
import { GITEA_READ_TOKEN, GITEA_TOKEN, peer, screenshot } from './peers.ts';

const freshOwner = () => freshCopy('gt');

/** Paste the repository, take the proposed setup, run a Code task that does `work`. */
async function runTask(page: Page, repo: string, token: string, followUp = false) {
	const { changes } = await runJourney(page, {
		host: { kind: 'gitea', token, check: 'Signed in as forgejo' },
		repo,
		turns: workTurns(followUp)
	});
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
	expect(git(bare, 'ls-tree', '-r', branch).split('\n')).toEqual(workedTree(bare));
	const first = git(bare, 'rev-parse', branch);
	type Pull = { number: number; title: string; body: string; head: string; updatedCount: number };
	const pulls = () => control('gitea', `pulls?repo=${repo}`) as Promise<Pull[]>;
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
	const protect = await controlRequest('gitea', 'protect', {
		repo: `${owner}/exec-and-symlink`,
		pattern: 'patchbay/*'
	});
	expect(protect.status).toBe(204);
	await replaceHostToken(page, GITEA_TOKEN);
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

import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { leaksOf } from '../unit/secrets/leaks.ts';
import { configure, githubControl, modelScript, peer, PEER_TOKEN } from './peers.ts';

// Lower-case letters, digits and dashes: a branch slug of an unmasked title would hold it whole.
// Built at run time so no scanner flags this repository itself.
const secret = ['sk', 'planted', '0123456789abcdef'].join('-');
const base64 = Buffer.from(`ci:${secret}`).toString('base64');

/** `git` on the bare repo both peers serve as acme/empty-ish. */
const git = (...args: string[]) =>
	execFileSync('git', ['--git-dir', join(peer('root'), 'acme', 'empty-ish.git'), ...args], {
		encoding: 'utf8'
	});

/** An environment for `repo` on Lite whose variable DEPLOY_KEY holds the secret. */
async function environmentWithSecret(page: Page, repo: string) {
	await page.goto('/#/environments/new');
	await page.getByLabel('Repository').fill(repo);
	await page.getByRole('button', { name: 'Look up' }).click();
	await expect(page.getByText(/^\d+ branch(es)?\b/)).toBeVisible();
	await page.getByRole('button', { name: 'Add variable' }).click();
	await page.getByLabel('Variable 1 name').fill('DEPLOY_KEY');
	await page.getByLabel('Variable 1 value').fill(secret);
	await page.getByLabel('Runtime').selectOption('lite');
	await page.getByRole('button', { name: 'Save environment' }).click();
	await expect(page).toHaveURL(/#\/environments\/[a-f0-9]{16}$/);
}

/** Settings and a Code task whose first line is `firstLine`; resolves to its changes card. */
async function runTask(page: Page, repo: string, firstLine: string) {
	const { baseURL } = await modelScript({
		turns: [
			{ toolCalls: [{ name: 'apply_patch', arguments: { input: readmeEdit } }] },
			{ content: `Said how to deploy; the key (${base64} in base64) is not in the README.` }
		]
	});
	await configure(page, {
		modelBaseURL: baseURL,
		model: 'scripted-model',
		githubToken: PEER_TOKEN
	});
	await environmentWithSecret(page, repo);
	await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	const more = `The key is ${encodeURIComponent(secret)} in a URL and ${base64} in a header.`;
	await page.getByRole('textbox', { name: 'Task' }).fill(`${firstLine}\n\n${more}`);
	await page.getByRole('button', { name: 'Code', exact: true }).click();
	const changes = page.getByTestId('changes');
	await expect(changes).toContainText('+1 −1 · 1 file');
	return changes;
}

const readmeEdit = [
	'*** Begin Patch',
	'*** Update File: README.md',
	'@@',
	'-A repo with nothing but this README.',
	'+A repo that says how it is deployed.',
	'*** End Patch'
].join('\n');

test('a secret typed in the first line of a task reaches GitHub in no commit message, branch, pull request or request', async ({
	page
}) => {
	const changes = await runTask(
		page,
		'acme/empty-ish',
		`Use ${secret} to deploy, and say so in the README`
	);
	await changes.getByRole('button', { name: 'Create PR' }).click();
	const branch = 'patchbay/use-secret-to-deploy-and-say-so-in-the-readme';
	await expect(page.getByTestId('pr-created')).toContainText(`Pushed ${branch}`);

	const refs = git('for-each-ref', '--format=%(refname)', 'refs/heads');
	const message = git('log', '-1', '--format=%B', branch);
	const pulls = (await (
		await fetch(`${peer('github')}/repos/acme/empty-ish/pulls?state=open`)
	).json()) as { title: string; body: string; head: { ref: string } }[];
	const pr = pulls.find((pull) => pull.head.ref === branch);
	const requests = await githubControl('requests');
	expect({
		branchPushed: refs.split('\n').includes(`refs/heads/${branch}`),
		message,
		title: pr?.title,
		bodyMasks: pr?.body.includes('> Use [secret] to deploy, and say so in the README'),
		leaks: {
			refs: leaksOf(refs, [secret]),
			message: leaksOf(message, [secret]),
			pr: leaksOf(JSON.stringify(pr), [secret]),
			requests: leaksOf(JSON.stringify(requests), [secret])
		}
	}).toStrictEqual({
		branchPushed: true,
		message: 'Use [secret] to deploy, and say so in the README\n',
		title: 'Use [secret] to deploy, and say so in the README',
		bodyMasks: true,
		leaks: { refs: {}, message: {}, pr: {}, requests: {} }
	});
});

test('a secret in the first line reaches a plain git host in no branch name or commit message', async ({
	page
}) => {
	const changes = await runTask(
		page,
		`${peer('git')}/acme/empty-ish.git`,
		`Ship ${secret} over git, and say so in the README`
	);
	await changes.getByRole('button', { name: 'Push branch' }).click();
	const branch = 'patchbay/ship-secret-over-git-and-say-so-in-the-readme';
	await expect(page.getByTestId('branch-pushed')).toContainText(`Pushed ${branch}.`);
	const refs = git('for-each-ref', '--format=%(refname)', 'refs/heads');
	const message = git('log', '-1', '--format=%B', branch);
	expect({
		branchPushed: refs.split('\n').includes(`refs/heads/${branch}`),
		message,
		leaks: { refs: leaksOf(refs, [secret]), message: leaksOf(message, [secret]) }
	}).toStrictEqual({
		branchPushed: true,
		// isomorphic-git ends a message with a newline, and %B adds one.
		message: 'Ship [secret] over git, and say so in the README\n\n',
		leaks: { refs: {}, message: {} }
	});
});

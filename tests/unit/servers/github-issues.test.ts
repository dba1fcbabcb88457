// The fake GitHub's issues: listed (state, labels, newest first), read with their comments, and
// commented on, every body checked against GitHub's OpenAPI description.
import { describe, expect, it } from 'vitest';
import { schemaLog, useGitHubServer } from './github-test-kit.ts';

const bed = useGitHubServer();

describe('issues', () => {
	it('lists open issues newest first, filtered by labels, and reads one with its comments', async () => {
		bed.demoRepo('issues-demo');
		const repo = { owner: 'octo', repo: 'issues-demo' };
		const add = (issue: Parameters<typeof bed.server.addIssue>[2]) =>
			bed.server.addIssue('octo', 'issues-demo', issue);
		add({ title: 'Old bug', user: 'alice', labels: ['bug'] });
		add({ title: 'Closed one', user: 'alice', labels: ['bug'], state: 'closed' });
		const crash = add({
			title: 'Crash on save',
			user: 'mallory',
			body: 'It crashes.',
			labels: ['bug', 'p1'],
			comments: [{ user: 'bob', body: 'Same here.' }]
		});
		add({ title: 'Docs', user: 'octo', labels: ['docs'] });
		const octokit = bed.write();

		const open = await octokit.rest.issues.listForRepo({ ...repo, state: 'open' });
		expect(open.data.map((i) => [i.number, i.title])).toEqual([
			[4, 'Docs'],
			[3, 'Crash on save'],
			[1, 'Old bug']
		]);
		const bugs = await octokit.rest.issues.listForRepo({ ...repo, labels: 'bug,p1' });
		expect(bugs.data.map((i) => i.number)).toEqual([crash]);

		const { data: issue } = await octokit.rest.issues.get({ ...repo, issue_number: crash });
		expect({
			title: issue.title,
			body: issue.body,
			user: issue.user?.login,
			labels: issue.labels.map((l) => (typeof l === 'string' ? l : l.name)),
			comments: issue.comments,
			html: issue.html_url
		}).toEqual({
			title: 'Crash on save',
			body: 'It crashes.',
			user: 'mallory',
			labels: ['bug', 'p1'],
			comments: 1,
			html: `${bed.server.url}/octo/issues-demo/issues/3`
		});
		const comments = await octokit.rest.issues.listComments({ ...repo, issue_number: crash });
		expect(comments.data.map((c) => [c.user?.login, c.body])).toEqual([['bob', 'Same here.']]);

		const posted = await octokit.rest.issues.createComment({
			...repo,
			issue_number: crash,
			body: 'Fixed in #7.'
		});
		expect(posted.status).toBe(201);
		const after = await octokit.rest.issues.listComments({ ...repo, issue_number: crash });
		expect(after.data.map((c) => [c.user?.login, c.body])).toEqual([
			['bob', 'Same here.'],
			['octo', 'Fixed in #7.']
		]);
		expect(schemaLog.checked).toEqual([
			'GET /repos/{owner}/{repo}/issues 200',
			'GET /repos/{owner}/{repo}/issues 200',
			'GET /repos/{owner}/{repo}/issues/{issue_number} 200',
			'GET /repos/{owner}/{repo}/issues/{issue_number}/comments 200',
			'POST /repos/{owner}/{repo}/issues/{issue_number}/comments 201',
			'GET /repos/{owner}/{repo}/issues/{issue_number}/comments 200'
		]);
	});

	it('answers 404 for an issue that does not exist, and needs a token to comment', async () => {
		bed.demoRepo('issues-none');
		const repo = { owner: 'octo', repo: 'issues-none' };
		await expect(bed.write().rest.issues.get({ ...repo, issue_number: 9 })).rejects.toMatchObject({
			status: 404
		});
		bed.server.addIssue('octo', 'issues-none', { title: 'One', user: 'alice' });
		await expect(
			bed.anonymous().rest.issues.createComment({ ...repo, issue_number: 1, body: 'hi' })
		).rejects.toMatchObject({ status: 401 });
	});
});

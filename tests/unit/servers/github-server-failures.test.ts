// The fake GitHub's refusals and failures, each answered as GitHub answers it, plus injected
// faults and the command line that browser tests start.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { createEmptyRepo, gitIn } from './github-repo-fixture.ts';
import { checkedClient, errorBody, failure, useGitHubServer } from './github-test-kit.ts';

const bed = useGitHubServer();
const { write, anonymous, demoRepo } = bed;
const as = (token: string) => checkedClient(bed.server.url, token);

describe('who may do what', () => {
	it('answers a wrong token with 401 Bad credentials, and no token with 401 on writes', async () => {
		demoRepo('auth');
		const repo = { owner: 'octo', repo: 'auth' };
		expect([
			await failure(as('nope').rest.users.getAuthenticated()),
			await failure(as('nope').rest.repos.get(repo)),
			await failure(anonymous().rest.users.getAuthenticated()),
			await failure(anonymous().rest.git.createBlob({ ...repo, content: 'x' }))
		]).toEqual([
			{ status: 401, data: errorBody(401, 'Bad credentials') },
			{ status: 401, data: errorBody(401, 'Bad credentials') },
			{ status: 401, data: errorBody(401, 'Requires authentication') },
			{ status: 401, data: errorBody(401, 'Requires authentication') }
		]);
	});

	it('hides a private repository (404) from callers without a token that can read it', async () => {
		demoRepo('secret');
		bed.server.setRepoOptions('octo', 'secret', { private: true });
		const repo = { owner: 'octo', repo: 'secret' };
		const raw = async (headers: Record<string, string>) => {
			const response = await fetch(`${bed.server.url}/raw/octo/secret/main/README.md`, { headers });
			return [response.status, await response.text()];
		};
		const visible = (await write().rest.repos.get(repo)).data;
		expect([
			await failure(anonymous().rest.repos.get(repo)),
			await failure(as('tok-public').rest.repos.get(repo)),
			[visible.private, visible.visibility],
			await raw({}),
			await raw({ authorization: 'Bearer tok-write' })
		]).toEqual([
			{ status: 404, data: errorBody(404, 'Not Found') },
			{ status: 404, data: errorBody(404, 'Not Found') },
			[true, 'private'],
			[404, '404: Not Found'],
			[200, '# Demo\n']
		]);
	});

	it('refuses writes to an archived repo and from read-only tokens', async () => {
		demoRepo('archive');
		demoRepo('limits');
		bed.server.setRepoOptions('octo', 'archive', { archived: true });
		const blob = (token: string, repo: string) =>
			as(token).rest.git.createBlob({ owner: 'octo', repo, content: 'x' });
		expect([
			await failure(blob('tok-write', 'archive')),
			(await write().rest.repos.get({ owner: 'octo', repo: 'archive' })).data.archived,
			await failure(blob('tok-readonly', 'limits')),
			(await blob('tok-public', 'limits')).status
		]).toEqual([
			{ status: 403, data: errorBody(403, 'Repository was archived so is read-only.') },
			true,
			{ status: 403, data: errorBody(403, 'Resource not accessible by personal access token') },
			201
		]);
	});
});

describe('invalid requests', () => {
	it('answers 422 the way GitHub words it', async () => {
		const gitDir = demoRepo('invalid');
		const repo = { owner: 'octo', repo: 'invalid' };
		const octokit = write();
		const main = gitIn(gitDir, ['rev-parse', 'main']);
		const missing = 'a'.repeat(40);
		const tree = (entry: Record<string, string | null>, base_tree?: string) =>
			failure(
				octokit.request('POST /repos/{owner}/{repo}/git/trees', {
					...repo,
					base_tree,
					tree: [entry]
				})
			);
		await octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/same', sha: main });
		expect([
			await failure(octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/main', sha: main })),
			await failure(octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/a..b', sha: main })),
			await failure(octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/x', sha: missing })),
			await tree({ path: 'x', mode: '100644', type: 'blob', sha: missing }),
			await tree({ path: 'x', mode: '100644', type: 'blob', content: 'x' }, main),
			await tree({ path: '../x', mode: '100644', type: 'blob', content: 'x' }),
			await tree({ path: 'x', mode: '100644', type: 'blob', sha: missing, content: 'x' }),
			await failure(octokit.rest.git.createCommit({ ...repo, message: 'm', tree: missing })),
			await failure(octokit.rest.git.updateRef({ ...repo, ref: 'heads/nope', sha: main }))
		]).toEqual([
			{ status: 422, data: errorBody(422, 'Reference already exists') },
			{ status: 422, data: errorBody(422, 'refs/heads/a..b is not a valid ref name.') },
			{ status: 422, data: errorBody(422, 'Object does not exist') },
			{ status: 422, data: errorBody(422, `tree.sha ${missing} is not a valid blob`) },
			{ status: 422, data: errorBody(422, 'base_tree is not a valid tree oid') },
			{ status: 422, data: errorBody(422, 'tree.path contains a malformed path component') },
			{
				status: 422,
				data: errorBody(
					422,
					'Must supply either tree.sha or tree.content. Request will fail if both are supplied.'
				)
			},
			{ status: 422, data: errorBody(422, 'Tree SHA does not exist') },
			{ status: 422, data: errorBody(422, 'Reference does not exist') }
		]);
	});

	it('refuses a pull request with no commits or no such head', async () => {
		const gitDir = demoRepo('no-commits');
		const repo = { owner: 'octo', repo: 'no-commits' };
		const octokit = write();
		const main = gitIn(gitDir, ['rev-parse', 'main']);
		await octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/same', sha: main });
		const open = (head: string) =>
			failure(octokit.rest.pulls.create({ ...repo, title: 't', head, base: 'main' }));
		const validation = (error: Record<string, string>) => ({
			status: 422,
			data: {
				...errorBody(422, 'Validation Failed'),
				errors: [{ resource: 'PullRequest', ...error }]
			}
		});
		expect([await open('same'), await open('missing'), await open('someone:feature')]).toEqual([
			validation({ code: 'custom', message: 'No commits between main and same' }),
			validation({ field: 'head', code: 'invalid' }),
			validation({ field: 'head', code: 'invalid' })
		]);
	});

	it('answers git-data calls on a repository without commits with 409', async () => {
		createEmptyRepo(bed.root, 'octo', 'empty');
		const repo = { owner: 'octo', repo: 'empty' };
		const octokit = write();
		expect([
			(await octokit.rest.repos.get(repo)).data.default_branch,
			(await octokit.rest.repos.listBranches(repo)).data,
			await failure(octokit.rest.git.getRef({ ...repo, ref: 'heads/main' })),
			await failure(octokit.rest.git.createBlob({ ...repo, content: 'x' }))
		]).toEqual([
			'main',
			[],
			{ status: 409, data: errorBody(409, 'Git Repository is empty.') },
			{ status: 409, data: errorBody(409, 'Git Repository is empty.') }
		]);
	});
});

describe('injected faults', () => {
	it('fails the next matching request, and the retry goes through', async () => {
		demoRepo('flaky');
		const repo = { owner: 'octo', repo: 'flaky' };
		bed.server.requests.length = 0;
		bed.server.faults.failNext({ method: 'POST', pathPattern: /\/git\/blobs$/, status: 502 });
		const octokit = write();
		const first = await failure(octokit.rest.git.createBlob({ ...repo, content: 'x' }));
		const retry = await octokit.rest.git.createBlob({ ...repo, content: 'x' });
		expect([first, retry.status, bed.server.faults.pending()]).toEqual([
			{ status: 502, data: errorBody(502, 'Bad Gateway') },
			201,
			0
		]);
		expect(bed.server.requests).toEqual([
			{ method: 'POST', path: '/repos/octo/flaky/git/blobs', status: 502 },
			{ method: 'POST', path: '/repos/octo/flaky/git/blobs', status: 201 }
		]);
	});

	it('takes faults and repository options over HTTP, for tests in a browser', async () => {
		demoRepo('remote');
		const control = (method: string, path: string, body?: unknown) =>
			fetch(`${bed.server.url}/_control/${path}`, { method, body: JSON.stringify(body) });
		await control('DELETE', 'requests');
		const armed = await control('POST', 'faults', {
			pathPattern: '^/repos/octo/remote$',
			status: 503,
			times: 2
		});
		expect([armed.status, await armed.json()]).toEqual([201, { pending: 2 }]);
		const statuses = [];
		for (let attempt = 0; attempt < 3; attempt++) {
			statuses.push((await fetch(`${bed.server.url}/repos/octo/remote`)).status);
		}
		await control('POST', 'repo-options', {
			owner: 'octo',
			repo: 'remote',
			options: { private: true }
		});
		statuses.push((await fetch(`${bed.server.url}/repos/octo/remote`)).status);
		const log = await (await control('GET', 'requests')).json();
		expect([statuses, log]).toEqual([
			[503, 503, 200, 404],
			[503, 503, 200, 404].map((status) => ({ method: 'GET', path: '/repos/octo/remote', status }))
		]);
	});
});

describe('the command line', () => {
	it('prints only its URL, then serves with the token it was given until killed', async () => {
		demoRepo('cli');
		const args = [
			'tests/servers/github.ts',
			'--port',
			'0',
			'--root',
			bed.root,
			'--token',
			't',
			'--login',
			'octo'
		];
		const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
		try {
			let stdout = '';
			child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
			const [url] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
			const user = await fetch(`${url}/user`, { headers: { authorization: 'token t' } });
			const repo = await fetch(`${url}/repos/octo/cli`);
			expect([
				url,
				user.status,
				((await user.json()) as { login: string }).login,
				repo.status,
				stdout
			]).toEqual([
				expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
				200,
				'octo',
				200,
				`${url}\n`
			]);
		} finally {
			child.kill('SIGTERM');
			if (child.exitCode === null) await once(child, 'exit');
		}
	});
});

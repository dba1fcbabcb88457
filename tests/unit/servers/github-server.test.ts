// The fake GitHub REST API: every endpoint Patchbay uses, answered from real bare repos, with
// each body checked against GitHub's OpenAPI description and each push checked with `git`.
import { describe, expect, it } from 'vitest';
import { responseProblems } from './github-openapi.ts';
import { demoFiles, demoTree, gitIn } from './github-repo-fixture.ts';
import {
	blobSha,
	errorBody,
	failure,
	githubBase64,
	schemaLog,
	useGitHubServer
} from './github-test-kit.ts';

const bed = useGitHubServer();
const { write, anonymous, demoRepo } = bed;
const files = demoFiles;

describe('the OpenAPI check', () => {
	it('rejects a body that breaks the schema, so the checks above can fail', () => {
		const route = '/repos/{owner}/{repo}/git/ref/{ref}';
		const body = { ref: 'refs/heads/main', url: 'not a uri', object: { sha: 'x' } };
		expect(responseProblems('GET', route, 200, body)).toEqual([
			`GET ${route} 200: / must have required property 'node_id'`,
			`GET ${route} 200: /url must match format "uri"`,
			`GET ${route} 200: /object must have required property 'type'`,
			`GET ${route} 200: /object must have required property 'url'`,
			`GET ${route} 200: /object/sha must NOT have fewer than 40 characters`
		]);
	});
});

describe('reading', () => {
	it('GET /user answers for the token, with its scopes and rate-limit headers', async () => {
		const { data, headers } = await write().rest.users.getAuthenticated();
		expect({
			login: data.login,
			type: data.type,
			view: 'user_view_type' in data ? data.user_view_type : undefined,
			scopes: headers['x-oauth-scopes'],
			limit: headers['x-ratelimit-limit'],
			remaining: headers['x-ratelimit-remaining'],
			resource: headers['x-ratelimit-resource']
		}).toEqual({
			login: 'octo',
			type: 'User',
			view: 'private',
			scopes: 'repo, workflow',
			limit: '5000',
			remaining: '4999',
			resource: 'core'
		});
		const bearer = await fetch(`${bed.server.url}/user`, {
			headers: { authorization: 'Bearer tok-write' }
		});
		expect([bearer.status, ((await bearer.json()) as { login: string }).login]).toEqual([
			200,
			'octo'
		]);
		expect(schemaLog.checked).toEqual(['GET /user 200']);
	});

	it('GET /repos/{o}/{r} reports the HEAD branch, visibility and permissions', async () => {
		const gitDir = demoRepo('about');
		gitIn(gitDir, ['symbolic-ref', 'HEAD', 'refs/heads/feature']);
		const view = (
			data: Awaited<ReturnType<ReturnType<typeof write>['rest']['repos']['get']>>['data']
		) => ({
			full_name: data.full_name,
			default_branch: data.default_branch,
			private: data.private,
			archived: data.archived,
			visibility: data.visibility,
			permissions: data.permissions,
			url: data.url
		});
		const mine = await write().rest.repos.get({ owner: 'octo', repo: 'about' });
		const theirs = await anonymous().rest.repos.get({ owner: 'octo', repo: 'about' });
		const common = {
			full_name: 'octo/about',
			default_branch: 'feature',
			private: false,
			archived: false,
			visibility: 'public',
			url: `${bed.api}/about`
		};
		expect([view(mine.data), view(theirs.data)]).toEqual([
			{
				...common,
				permissions: { admin: true, maintain: true, push: true, triage: true, pull: true }
			},
			{ ...common, permissions: undefined }
		]);
	});

	it('lists branches a page at a time', async () => {
		const gitDir = demoRepo('branches', { 'agent/nested': { 'nested.txt': { content: 'n\n' } } });
		const sha = (branch: string) => gitIn(gitDir, ['rev-parse', branch]);
		const branch = (name: string) => ({
			name,
			commit: { sha: sha(name), url: `${bed.api}/branches/commits/${sha(name)}` },
			protected: false
		});
		const first = await write().rest.repos.listBranches({
			owner: 'octo',
			repo: 'branches',
			per_page: 2
		});
		expect(first.data).toEqual([branch('agent/nested'), branch('feature')]);
		expect(first.headers.link).toBe(
			`<${bed.api}/branches/branches?per_page=2&page=2>; rel="next", ` +
				`<${bed.api}/branches/branches?per_page=2&page=2>; rel="last"`
		);
		const all = await write().paginate(write().rest.repos.listBranches, {
			owner: 'octo',
			repo: 'branches',
			per_page: 1
		});
		expect(all).toEqual([branch('agent/nested'), branch('feature'), branch('main')]);
	});

	it('reads one ref and the refs matching a prefix', async () => {
		const gitDir = demoRepo('refs');
		const ref = (name: string) => {
			const sha = gitIn(gitDir, ['rev-parse', name]);
			return {
				ref: `refs/heads/${name}`,
				node_id: expect.any(String),
				url: `${bed.api}/refs/git/refs/heads/${name}`,
				object: { type: 'commit', sha, url: `${bed.api}/refs/git/commits/${sha}` }
			};
		};
		const octokit = write();
		const one = await octokit.rest.git.getRef({ owner: 'octo', repo: 'refs', ref: 'heads/main' });
		const all = await octokit.rest.git.listMatchingRefs({
			owner: 'octo',
			repo: 'refs',
			ref: 'heads/'
		});
		const none = await failure(
			octokit.rest.git.getRef({ owner: 'octo', repo: 'refs', ref: 'heads/nope' })
		);
		expect([one.data, all.data, none]).toEqual([
			ref('main'),
			[ref('feature'), ref('main')],
			{ status: 404, data: errorBody(404, 'Not Found') }
		]);
	});

	it('reads trees by tree sha, commit sha or branch; recursive or one level', async () => {
		const gitDir = demoRepo('trees');
		const treeSha = gitIn(gitDir, ['rev-parse', 'main^{tree}']);
		const entry = ([path, mode, type]: (typeof demoTree)[number]) => {
			const sha = gitIn(gitDir, ['rev-parse', `main:${path}`]);
			const size = type === 'blob' ? Number(gitIn(gitDir, ['cat-file', '-s', sha])) : undefined;
			const url = `${bed.api}/trees/git/${type}s/${sha}`;
			return { path, mode, type, sha, url, ...(size === undefined ? {} : { size }) };
		};
		const octokit = write();
		const get = (tree_sha: string, recursive?: string) =>
			octokit.rest.git.getTree({ owner: 'octo', repo: 'trees', tree_sha, recursive });
		const recursive = await get('main', '1');
		const topLevel = await get(gitIn(gitDir, ['rev-parse', 'main']));
		const src = await get(gitIn(gitDir, ['rev-parse', 'main:src']));
		const tree = (sha: string, entries: (typeof demoTree)[number][]) => ({
			sha,
			url: `${bed.api}/trees/git/trees/${sha}`,
			truncated: false,
			tree: entries.map(entry)
		});
		expect([recursive.data, topLevel.data]).toEqual([
			tree(treeSha, demoTree),
			tree(
				treeSha,
				demoTree.filter(([path]) => !path.includes('/'))
			)
		]);
		expect(src.data.tree.map((item) => [item.path, item.type])).toEqual([
			['lib', 'tree'],
			['main.ts', 'blob']
		]);
	});

	it('cuts a recursive tree at treeTruncateLimit, while one-level listings stay whole', async () => {
		demoRepo('huge');
		bed.server.setRepoOptions('octo', 'huge', { treeTruncateLimit: 4 });
		const octokit = write();
		const get = (recursive?: string) =>
			octokit.rest.git.getTree({ owner: 'octo', repo: 'huge', tree_sha: 'main', recursive });
		const [cut, level] = [(await get('1')).data, (await get()).data];
		expect([cut.truncated, cut.tree.map((item) => item.path)]).toEqual([
			true,
			demoTree.slice(0, 4).map(([path]) => path)
		]);
		expect([level.truncated, level.tree.length]).toEqual([false, 6]);
	});

	it('reads blobs as GitHub base64 and commits with their identities', async () => {
		const gitDir = demoRepo('objects');
		const head = gitIn(gitDir, ['rev-parse', 'main']);
		const script = files['run.sh']?.content ?? '';
		const octokit = write();
		const blob = await octokit.rest.git.getBlob({
			owner: 'octo',
			repo: 'objects',
			file_sha: blobSha(script)
		});
		const commit = await octokit.rest.git.getCommit({
			owner: 'octo',
			repo: 'objects',
			commit_sha: head
		});
		const notBlob = await failure(
			octokit.rest.git.getBlob({ owner: 'octo', repo: 'objects', file_sha: head })
		);
		const ada = { name: 'Ada Lovelace', email: 'ada@example.com', date: '2024-05-01T12:00:00Z' };
		const tree = gitIn(gitDir, ['rev-parse', 'main^{tree}']);
		expect([blob.data, commit.data, notBlob.status]).toEqual([
			{
				sha: blobSha(script),
				node_id: expect.any(String),
				size: script.length,
				url: `${bed.api}/objects/git/blobs/${blobSha(script)}`,
				content: githubBase64(script),
				encoding: 'base64'
			},
			{
				sha: head,
				node_id: expect.any(String),
				url: `${bed.api}/objects/git/commits/${head}`,
				html_url: `${bed.server.url}/octo/objects/commit/${head}`,
				author: ada,
				committer: ada,
				message: 'Initial commit\n',
				tree: { sha: tree, url: `${bed.api}/objects/git/trees/${tree}` },
				parents: [],
				verification: {
					verified: false,
					reason: 'unsigned',
					signature: null,
					payload: null,
					verified_at: null
				}
			},
			404
		]);
	});

	it('reads contents: a file, a directory, a symlink followed or not, and misses', async () => {
		demoRepo('contents');
		const octokit = write();
		const get = (path: string, ref?: string) =>
			octokit.rest.repos.getContent({ owner: 'octo', repo: 'contents', path, ref });
		const util = 'export const one = 1;\n';
		const self = `${bed.api}/contents/contents/src/lib/util.ts?ref=main`;
		const git = `${bed.api}/contents/git/blobs/${blobSha(util)}`;
		const html = `${bed.server.url}/octo/contents/blob/main/src/lib/util.ts`;
		expect((await get('src/lib/util.ts')).data).toEqual({
			type: 'file',
			encoding: 'base64',
			size: util.length,
			name: 'util.ts',
			path: 'src/lib/util.ts',
			content: githubBase64(util),
			sha: blobSha(util),
			url: self,
			git_url: git,
			html_url: html,
			download_url: `${bed.server.url}/raw/octo/contents/main/src/lib/util.ts`,
			_links: { self, git, html }
		});
		const summary = (data: unknown) =>
			(Array.isArray(data) ? data : [data]).map((item: { type: string; path: string }) =>
				[item.type, item.path, 'target' in item ? item.target : undefined].filter(Boolean)
			);
		expect(summary((await get('src')).data)).toEqual([
			['dir', 'src/lib'],
			['file', 'src/main.ts']
		]);
		expect(
			summary((await get('', 'feature')).data).map(([type, path]) => `${type} ${path}`)
		).toEqual([
			'file README.md',
			'symlink dangling',
			'dir docs',
			'file feature.txt',
			'symlink link',
			'file run.sh',
			'dir src'
		]);
		expect([summary((await get('link')).data), summary((await get('dangling')).data)]).toEqual([
			[['file', 'README.md']],
			[['symlink', 'dangling', 'nowhere.txt']]
		]);
		expect([await failure(get('nope.txt')), await failure(get('README.md', 'nope'))]).toEqual([
			{ status: 404, data: errorBody(404, 'Not Found') },
			{ status: 404, data: errorBody(404, 'No commit found for the ref nope') }
		]);
	});

	it('serves raw bytes by branch (slashes too) or sha, and logs each fetch', async () => {
		const gitDir = demoRepo('raw', { 'agent/work': { 'nested.txt': { content: 'nested\n' } } });
		bed.server.requests.length = 0;
		const raw = async (path: string) => {
			const response = await fetch(`${bed.server.url}/raw/octo/raw/${path}`);
			return [response.status, response.headers.get('content-type'), await response.text()];
		};
		const head = gitIn(gitDir, ['rev-parse', 'main']);
		expect([
			await raw('main/src/lib/util.ts'),
			await raw(`${head}/README.md`),
			await raw('agent/work/nested.txt'),
			await raw('main/nope.txt')
		]).toEqual([
			[200, 'text/plain; charset=utf-8', 'export const one = 1;\n'],
			[200, 'text/plain; charset=utf-8', '# Demo\n'],
			[200, 'text/plain; charset=utf-8', 'nested\n'],
			[404, 'text/plain; charset=utf-8', '404: Not Found']
		]);
		expect(bed.server.requests.map((request) => `${request.status} ${request.path}`)).toEqual([
			'200 /raw/octo/raw/main/src/lib/util.ts',
			`200 /raw/octo/raw/${head}/README.md`,
			'200 /raw/octo/raw/agent/work/nested.txt',
			'404 /raw/octo/raw/main/nope.txt'
		]);
	});
});

describe('writing', () => {
	it('pushes a change: blobs, a tree on base_tree, a commit, a ref and a pull request', async () => {
		const gitDir = demoRepo('push');
		const octokit = write();
		const repo = { owner: 'octo', repo: 'push' };
		const base = (await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' })).data.object.sha;
		const baseTree = (await octokit.rest.git.getCommit({ ...repo, commit_sha: base })).data.tree
			.sha;
		const binary = Buffer.from([0, 1, 2, 255, 254]);
		const text = await octokit.rest.git.createBlob({
			...repo,
			content: 'deep\n',
			encoding: 'utf-8'
		});
		const bin = await octokit.rest.git.createBlob({
			...repo,
			content: binary.toString('base64'),
			encoding: 'base64'
		});
		expect([text.status, text.data, bin.data.sha]).toEqual([
			201,
			{ sha: blobSha('deep\n'), url: `${bed.api}/push/git/blobs/${blobSha('deep\n')}` },
			blobSha(binary)
		]);
		const tree = await octokit.rest.git.createTree({
			...repo,
			base_tree: baseTree,
			tree: [
				{ path: 'src/lib/deep/new.txt', mode: '100644', type: 'blob', sha: text.data.sha },
				{ path: 'assets/logo.bin', mode: '100644', type: 'blob', sha: bin.data.sha },
				{ path: 'src/main.ts', mode: '100644', type: 'blob', content: 'export {};\n' },
				{ path: 'README.md', mode: '100755', type: 'blob', sha: blobSha('# Demo\n') },
				{ path: 'docs/guide.md', mode: '100644', type: 'blob', sha: null },
				{ path: 'dangling', mode: '120000', type: 'blob', sha: null },
				{ path: 'link', mode: '120000', type: 'blob', content: 'src/main.ts' }
			]
		});
		expect([
			tree.status,
			tree.data.truncated,
			tree.data.tree.map((item) => `${item.mode} ${item.path}`)
		]).toEqual([
			201,
			false,
			['100755 README.md', '040000 assets', '120000 link', '100755 run.sh', '040000 src']
		]);
		const commit = await octokit.rest.git.createCommit({
			...repo,
			message: 'Agent change\n\nWith a body.',
			tree: tree.data.sha,
			parents: [base],
			author: { name: 'Patchbay', email: 'bot@patchbay.dev', date: '2024-06-01T10:00:00+02:00' }
		});
		const patchbay = { name: 'Patchbay', email: 'bot@patchbay.dev', date: '2024-06-01T08:00:00Z' };
		expect([commit.status, commit.data.author, commit.data.committer, commit.data.message]).toEqual(
			[201, patchbay, patchbay, 'Agent change\n\nWith a body.']
		);
		const ref = await octokit.rest.git.createRef({
			...repo,
			ref: 'refs/heads/agent/change',
			sha: commit.data.sha
		});
		expect([ref.status, ref.data.ref, ref.data.object.sha]).toEqual([
			201,
			'refs/heads/agent/change',
			commit.data.sha
		]);
		// What git itself now says is on the pushed branch.
		expect(gitIn(gitDir, ['ls-tree', '-r', 'agent/change']).split('\n')).toEqual([
			`100755 blob ${blobSha('# Demo\n')}\tREADME.md`,
			`100644 blob ${blobSha(binary)}\tassets/logo.bin`,
			`120000 blob ${blobSha('src/main.ts')}\tlink`,
			`100755 blob ${blobSha('#!/bin/sh\necho hi\n')}\trun.sh`,
			`100644 blob ${blobSha('deep\n')}\tsrc/lib/deep/new.txt`,
			`100644 blob ${blobSha('export const one = 1;\n')}\tsrc/lib/util.ts`,
			`100644 blob ${blobSha('export {};\n')}\tsrc/main.ts`
		]);
		expect(gitIn(gitDir, ['log', '-1', '--format=%an|%ae|%aI|%cn|%P|%B', 'agent/change'])).toBe(
			`Patchbay|bot@patchbay.dev|2024-06-01T10:00:00+02:00|Patchbay|${base}|Agent change\n\nWith a body.`
		);
		gitIn(gitDir, ['fsck', '--strict', '--no-dangling']);

		const pull = await octokit.rest.pulls.create({
			...repo,
			title: 'Agent change',
			head: 'agent/change',
			base: 'main',
			body: 'Made by Patchbay.',
			draft: true
		});
		const { data } = pull;
		expect({
			status: pull.status,
			number: data.number,
			state: data.state,
			draft: data.draft,
			title: data.title,
			body: data.body,
			head: [data.head.label, data.head.ref, data.head.sha],
			base: [data.base.ref, data.base.sha],
			html_url: data.html_url,
			stats: [data.commits, data.additions, data.deletions, data.changed_files]
		}).toEqual({
			status: 201,
			number: 1,
			state: 'open',
			draft: true,
			title: 'Agent change',
			body: 'Made by Patchbay.',
			head: ['octo:agent/change', 'agent/change', commit.data.sha],
			base: ['main', base],
			html_url: `${bed.server.url}/octo/push/pull/1`,
			// +/- per file: link 1/1, new.txt 1/0, main.ts 1/1, guide.md 0/1, dangling 0/1;
			// README.md (mode only) and logo.bin (binary) change no lines.
			stats: [1, 3, 4, 7]
		});
		const listed = async (head: string) =>
			(await octokit.rest.pulls.list({ ...repo, head })).data.map((each) => each.number);
		expect([await listed('octo:agent/change'), await listed('octo:other')]).toEqual([[1], []]);
		expect(
			await failure(
				octokit.rest.pulls.create({ ...repo, title: 'Again', head: 'agent/change', base: 'main' })
			)
		).toEqual({
			status: 422,
			data: {
				...errorBody(422, 'Validation Failed'),
				errors: [
					{
						resource: 'PullRequest',
						code: 'custom',
						message: 'A pull request already exists for octo:agent/change.'
					}
				]
			}
		});
		// A follow-up's push rewrites the open request's title and body.
		const updated = await octokit.rest.pulls.update({
			...repo,
			pull_number: 1,
			title: 'Agent change, again',
			body: 'Made again.'
		});
		expect([updated.status, updated.data.number, updated.data.title, updated.data.body]).toEqual([
			200,
			1,
			'Agent change, again',
			'Made again.'
		]);
		// Every response above was checked against its schema in the OpenAPI description.
		expect([...new Set(schemaLog.checked)].sort()).toEqual([
			'GET /repos/{owner}/{repo}/git/commits/{commit_sha} 200',
			'GET /repos/{owner}/{repo}/git/ref/{ref} 200',
			'GET /repos/{owner}/{repo}/pulls 200',
			'PATCH /repos/{owner}/{repo}/pulls/{pull_number} 200',
			'POST /repos/{owner}/{repo}/git/blobs 201',
			'POST /repos/{owner}/{repo}/git/commits 201',
			'POST /repos/{owner}/{repo}/git/refs 201',
			'POST /repos/{owner}/{repo}/git/trees 201',
			'POST /repos/{owner}/{repo}/pulls 201',
			'POST /repos/{owner}/{repo}/pulls 422'
		]);
	});

	it('builds a tree from nothing when there is no base_tree', async () => {
		const gitDir = demoRepo('fresh-tree');
		const tree = await write().rest.git.createTree({
			owner: 'octo',
			repo: 'fresh-tree',
			tree: [
				{ path: 'a/b/c.txt', mode: '100644', type: 'blob', content: 'c\n' },
				{ path: 'a/run', mode: '100755', type: 'blob', sha: blobSha('#!/bin/sh\necho hi\n') }
			]
		});
		expect(
			gitIn(gitDir, ['ls-tree', '-r', '-t', tree.data.sha])
				.split('\n')
				.map((line) => line.split('\t')[1])
		).toEqual(['a', 'a/b', 'a/b/c.txt', 'a/run']);
	});

	it('moves a branch only forward unless forced, never a protected one', async () => {
		const gitDir = demoRepo('moves', { topic: { 'topic.txt': { content: 'topic\n' } } });
		const sha = (name: string) => gitIn(gitDir, ['rev-parse', name]);
		const [feature, topic] = [sha('feature'), sha('topic')];
		const octokit = write();
		const move = (ref: string, to: string, force?: boolean) =>
			octokit.rest.git.updateRef({ owner: 'octo', repo: 'moves', ref, sha: to, force });
		expect((await move('heads/main', feature)).data.object.sha).toBe(feature);
		expect(await failure(move('heads/main', topic))).toEqual({
			status: 422,
			data: errorBody(422, 'Update is not a fast forward')
		});
		expect(sha('main')).toBe(feature);
		expect((await move('heads/main', topic, true)).data.object.sha).toBe(topic);
		expect(sha('main')).toBe(topic);

		bed.server.setRepoOptions('octo', 'moves', { protectedBranches: ['main'] });
		expect(await failure(move('heads/main', feature, true))).toEqual({
			status: 422,
			data: errorBody(422, 'Protected branch update failed for refs/heads/main.')
		});
		const listed = await octokit.rest.repos.listBranches({ owner: 'octo', repo: 'moves' });
		expect(listed.data.map((branch) => [branch.name, branch.protected])).toEqual([
			['feature', false],
			['main', true],
			['topic', false]
		]);
		await octokit.rest.git.deleteRef({ owner: 'octo', repo: 'moves', ref: 'heads/feature' });
		expect(gitIn(gitDir, ['for-each-ref', '--format=%(refname)'])).toBe(
			'refs/heads/main\nrefs/heads/topic'
		);
	});
});

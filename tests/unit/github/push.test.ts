import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { diffStats, type FileChange } from '../../../src/lib/core/diff/index.ts';
import {
	createGitHubClient,
	openPullRequest,
	pullRequestBody,
	pullRequestTitle,
	pushChanges,
	type PullRequestTask,
	type PushProgress
} from '../../../src/lib/core/github/index.ts';
import { secretMasker } from '../../../src/lib/core/secrets/index.ts';
import { gitBlobId, startGitHubPeer, TOKEN, type GitHubPeer, type TestRepo } from './peer.ts';

let peer: GitHubPeer;
beforeAll(async () => {
	peer = await startGitHubPeer();
});
afterAll(() => peer.stop());
afterEach(() => peer.server.faults.clear());

const bytes = (text: string) => new TextEncoder().encode(text);
const access = () => ({ apiBase: peer.server.url, token: TOKEN, throttle: { intervalMs: 1 } });
const webUrl = (repo: TestRepo, path: string) =>
	`${peer.server.url}/${repo.owner}/${repo.repo}/${path}`;
/** Requests the peer served for `repo`, as `METHOD path-after-the-repo status`. */
const requestsFor = (repo: TestRepo) =>
	peer.server.requests
		.filter((entry) => entry.path.startsWith(`/repos/${repo.owner}/${repo.repo}/`))
		.map((entry) => `${entry.method} ${entry.path.split(`/${repo.repo}/`)[1]} ${entry.status}`);

/** Every kind of change at once, on exec-and-symlink. */
function scriptChanges(repo: TestRepo): FileChange[] {
	const readme = repo.show('main:README.md');
	const runSh = repo.show('main:bin/run.sh');
	const intro = repo.show('main:docs/guide/intro.md');
	return [
		{
			path: 'README.md',
			before: readme,
			after: bytes(`${new TextDecoder().decode(readme)}More.\n`)
		},
		{ path: 'bin/run.sh', before: runSh, after: runSh, beforeMode: '100755', afterMode: '100644' },
		{ path: 'docs/intro.md', oldPath: 'docs/guide/intro.md', before: intro, after: intro },
		{ path: 'link-to-readme', before: bytes('README.md'), after: null, beforeMode: '120000' },
		{ path: 'latest', before: null, after: bytes('bin/run.sh'), afterMode: '120000' },
		{ path: 'assets/pixel.bin', before: null, after: new Uint8Array([0, 255, 1, 137, 80, 78, 71]) },
		{
			path: 'tools/build.sh',
			before: null,
			after: bytes('#!/bin/sh\necho build\n'),
			afterMode: '100755'
		}
	];
}

const listing = (changes: FileChange[]) =>
	changes
		.filter((change) => change.after !== null)
		.map(
			(change) => `${change.afterMode ?? '100644'} blob ${gitBlobId(change.after!)}\t${change.path}`
		)
		.sort();

describe('pushChanges', () => {
	it('pushes a new branch with exactly the attempt tree, modes, deletions and binaries', async () => {
		const repo = await peer.fresh('exec-and-symlink');
		const changes = scriptChanges(repo);
		const progress: PushProgress[] = [];
		const result = await pushChanges({
			...access(),
			owner: repo.owner,
			repo: repo.repo,
			baseline: repo.baseline,
			changes,
			branch: { title: 'Tidy up the scripts!' },
			message: 'Tidy up the scripts\n\nMoves the intro and adds a build script.',
			onProgress: (event) => progress.push(event)
		});
		const branch = 'patchbay/tidy-up-the-scripts';
		expect(result).toEqual({
			branch,
			commitSha: repo.git('rev-parse', branch),
			url: webUrl(repo, `tree/${branch}`),
			outcome: 'created'
		});
		expect(repo.lsTree(branch).sort()).toEqual(listing(changes));
		expect(repo.git('log', '-1', '--format=%P%n%B', branch)).toEqual(
			`${repo.baseline.commit}\nTidy up the scripts\n\nMoves the intro and adds a build script.`
		);
		expect(progress).toEqual([
			...[1, 2, 3, 4, 5, 6].map((done) => ({ phase: 'blobs', done, total: 6 })),
			{ phase: 'tree', done: 0, total: 1 },
			{ phase: 'branch', done: 0, total: 1 },
			{ phase: 'done', done: 1, total: 1 }
		]);
		// The mode flip and the rename reuse the baseline's blobs: four blobs are new.
		const writes = requestsFor(repo).filter((line) => !line.startsWith('GET'));
		expect(writes).toEqual([
			...Array(4).fill('POST git/blobs 201'),
			'POST git/trees 201',
			'POST git/commits 201',
			'POST git/refs 201'
		]);
	});

	it('opens a pull request with the whole task in its body, secrets masked', async () => {
		const repo = await peer.fresh('exec-and-symlink');
		const changes = scriptChanges(repo);
		const octokit = createGitHubClient(
			{ apiBase: peer.server.url, token: TOKEN },
			{ intervalMs: 1 }
		);
		const target = { octokit, owner: repo.owner, repo: repo.repo };
		const pushed = await pushChanges({
			...target,
			baseline: repo.baseline,
			changes,
			branch: { name: 'feature/scripts' },
			message: 'Scripts'
		});
		const task: PullRequestTask = {
			prompt: 'Tidy up the scripts\n\nThe deploy key is s3cr3t-value-123.',
			followUps: ['Also make build.sh executable.'],
			summary: 'Moved the intro, added tools/build.sh.',
			testsRun: ['npm test'],
			blockedRequests: [
				{ method: 'GET', url: 'https://evil.example/?k=s3cr3t-value-123', reason: 'not allowed' }
			],
			stats: diffStats(changes),
			mask: secretMasker(['s3cr3t-value-123'])
		};
		const body = pullRequestBody(task);
		const opened = await openPullRequest({
			...target,
			head: pushed.branch,
			base: 'main',
			title: pullRequestTitle(task),
			body,
			draft: true,
			baselineCommit: repo.baseline.commit
		});
		expect(opened).toEqual({
			number: 1,
			url: webUrl(repo, 'pull/1'),
			draft: true,
			existing: false,
			baseMoved: false
		});
		const { data } = await octokit.rest.pulls.get({ ...target, pull_number: 1 });
		expect({
			title: data.title,
			body: data.body,
			head: data.head.ref,
			base: data.base.ref,
			draft: data.draft
		}).toEqual({
			title: 'Tidy up the scripts',
			body,
			head: 'feature/scripts',
			base: 'main',
			draft: true
		});
		expect(body.includes('s3cr3t')).toBe(false);
	});

	it('fast-forwards the branch after a follow-up and finds the open pull request', async () => {
		const repo = await peer.fresh('exec-and-symlink');
		const changes = scriptChanges(repo);
		const target = { ...access(), owner: repo.owner, repo: repo.repo };
		const first = await pushChanges({
			...target,
			baseline: repo.baseline,
			changes,
			branch: { prefix: 'bot/', title: 'Scripts' },
			message: 'First'
		});
		const pr = { ...target, head: first.branch, base: 'main', title: 'Scripts', body: 'Body' };
		const opened = await openPullRequest(pr);
		const followUp = changes.map((change) =>
			change.path === 'tools/build.sh' ? { ...change, after: bytes('#!/bin/sh\nmake\n') } : change
		);
		const second = await pushChanges({
			...target,
			baseline: repo.baseline,
			changes: followUp,
			branch: { prefix: 'bot/', title: 'Scripts' },
			message: 'Follow-up',
			existingBranch: { name: first.branch, sha: first.commitSha }
		});
		expect(second).toEqual({
			branch: 'bot/scripts',
			commitSha: repo.git('rev-parse', 'bot/scripts'),
			url: webUrl(repo, 'tree/bot/scripts'),
			outcome: 'updated'
		});
		expect(repo.git('log', '--format=%H %P', 'bot/scripts').split('\n')).toEqual([
			`${second.commitSha} ${first.commitSha}`,
			`${first.commitSha} ${repo.baseline.commit}`,
			repo.baseline.commit
		]);
		expect(repo.lsTree('bot/scripts').sort()).toEqual(listing(followUp));
		expect(await openPullRequest(pr)).toEqual({ ...opened, existing: true });
		// The same changes again: nothing new, no empty commit.
		const third = await pushChanges({
			...target,
			baseline: repo.baseline,
			changes: followUp,
			branch: { name: 'unused' },
			message: 'Again',
			existingBranch: { name: second.branch, sha: second.commitSha }
		});
		expect(third).toEqual({ ...second, outcome: 'up-to-date' });
	});

	it('gives a taken branch name the next free suffix', async () => {
		const repo = await peer.fresh('binary-file');
		repo.git('update-ref', 'refs/heads/patchbay/add-notes', repo.baseline.commit);
		const push = (text: string) =>
			pushChanges({
				...access(),
				owner: repo.owner,
				repo: repo.repo,
				baseline: repo.baseline,
				changes: [{ path: 'notes.txt', before: null, after: bytes(text) }],
				branch: { title: 'Add notes' },
				message: 'Add notes'
			});
		const results = [await push('one\n'), await push('two\n'), await push('one\n')];
		expect(results.map(({ branch, outcome }) => ({ branch, outcome }))).toEqual([
			{ branch: 'patchbay/add-notes-2', outcome: 'created' },
			{ branch: 'patchbay/add-notes-3', outcome: 'created' },
			// The same push again is recognised, not pushed a third time.
			{ branch: 'patchbay/add-notes-2', outcome: 'up-to-date' }
		]);
		expect(
			repo.git('for-each-ref', '--format=%(refname)', 'refs/heads/patchbay/').split('\n')
		).toEqual([
			'refs/heads/patchbay/add-notes',
			'refs/heads/patchbay/add-notes-2',
			'refs/heads/patchbay/add-notes-3'
		]);
	});

	it('reports a base branch that moved since the baseline', async () => {
		const repo = await peer.fresh('binary-file');
		const target = { ...access(), owner: repo.owner, repo: repo.repo };
		const pushed = await pushChanges({
			...target,
			baseline: repo.baseline,
			changes: [{ path: 'notes.txt', before: null, after: bytes('hi\n') }],
			branch: { name: 'notes' },
			message: 'Notes'
		});
		const moved = repo.git('commit-tree', '-p', 'main', '-m', 'upstream', repo.baseline.tree);
		repo.git('update-ref', 'refs/heads/main', moved);
		const opened = await openPullRequest({
			...target,
			head: pushed.branch,
			base: 'main',
			title: 'Notes',
			body: '',
			baselineCommit: repo.baseline.commit
		});
		expect(opened).toEqual({
			number: 1,
			url: webUrl(repo, 'pull/1'),
			draft: false,
			existing: false,
			baseMoved: true
		});
	});
});

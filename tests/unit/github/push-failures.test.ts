import { Octokit } from '@octokit/rest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FileChange } from '../../../src/lib/core/diff/index.ts';
import {
	openPullRequest,
	pushChanges,
	type PushOptions
} from '../../../src/lib/core/github/index.ts';
import { AppError } from '../../../src/lib/core/http/index.ts';
import {
	PUBLIC_ONLY,
	READ_ONLY,
	startGitHubPeer,
	TOKEN,
	type GitHubPeer,
	type TestRepo
} from './peer.ts';

let peer: GitHubPeer;
beforeAll(async () => {
	peer = await startGitHubPeer();
});
afterAll(() => peer.stop());
afterEach(() => peer.server.faults.clear());

const bytes = (text: string) => new TextEncoder().encode(text);
const notes: FileChange[] = [{ path: 'notes.txt', before: null, after: bytes('notes\n') }];

type PushTarget = Omit<PushOptions, 'apiBase' | 'token' | 'throttle' | 'octokit'>;

function target(repo: TestRepo, extra: Partial<PushTarget> = {}): PushTarget {
	return {
		owner: repo.owner,
		repo: repo.repo,
		baseline: repo.baseline,
		changes: notes,
		branch: { title: 'Add notes' },
		message: 'Add notes',
		...extra
	};
}

const viaToken = (token = TOKEN) => ({
	apiBase: peer.server.url,
	token,
	throttle: { intervalMs: 1 }
});
const options = (repo: TestRepo, extra: Partial<PushTarget> = {}): PushOptions => ({
	...viaToken(),
	...target(repo, extra)
});

/** What a user would see of a failure: its code and message. */
async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof AppError) return { code: error.code, message: error.message };
		throw error;
	}
	throw new Error('expected a failure');
}

const branches = (repo: TestRepo) =>
	repo.git('for-each-ref', '--format=%(refname:short) %(objectname)', 'refs/heads/');

describe('pushChanges failures', () => {
	it('leaves no branch when a push fails half-way, and a retry completes it', async () => {
		const repo = await peer.fresh('binary-file');
		const before = branches(repo);
		peer.server.faults.failNext({ method: 'POST', pathPattern: '/git/trees$', status: 500 });
		expect(await failure(pushChanges(options(repo)))).toEqual({
			code: 'github-unavailable',
			message: 'GitHub failed to answer (500 Internal Server Error).'
		});
		expect(branches(repo)).toEqual(before);
		const result = await pushChanges(options(repo));
		expect(result.outcome).toEqual('created');
		expect(branches(repo)).toEqual(
			`main ${repo.baseline.commit}\npatchbay/add-notes ${result.commitSha}`
		);
	});

	it('recognises its own branch when the answer to creating it was lost', async () => {
		const repo = await peer.fresh('binary-file');
		// The request reaches GitHub and the branch is created, but the answer never arrives.
		let lose = true;
		const lossyFetch: typeof fetch = async (input, init) => {
			const response = await fetch(input, init);
			if (lose && init?.method === 'POST' && String(input).endsWith('/git/refs')) {
				lose = false;
				throw new TypeError('fetch failed');
			}
			return response;
		};
		const octokit = new Octokit({
			baseUrl: peer.server.url,
			auth: TOKEN,
			request: { fetch: lossyFetch },
			log: { debug() {}, info() {}, warn() {}, error() {} }
		});
		const viaLossy: PushOptions = { octokit, ...target(repo) };
		expect(await failure(pushChanges(viaLossy))).toEqual({
			code: 'unreachable',
			message: `Could not reach ${new URL(peer.server.url).host}.`
		});
		const created = repo.git('rev-parse', 'patchbay/add-notes');
		peer.server.requests.length = 0;
		expect(await pushChanges(viaLossy)).toEqual({
			branch: 'patchbay/add-notes',
			commitSha: created,
			url: `${peer.server.url}/${repo.owner}/binary-file/tree/patchbay/add-notes`,
			outcome: 'up-to-date'
		});
		expect(branches(repo)).toEqual(`main ${repo.baseline.commit}\npatchbay/add-notes ${created}`);
		// No second commit and no second ref were written.
		const writes = peer.server.requests.filter((entry) => /git\/(commits|refs)$/.test(entry.path));
		expect(writes).toEqual([]);
	});

	it('waits out a secondary rate limit and retries', async () => {
		const repo = await peer.fresh('binary-file');
		peer.server.faults.failNext({
			method: 'POST',
			pathPattern: '/git/trees$',
			status: 403,
			body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes.' },
			headers: { 'retry-after': '1' }
		});
		const waits: number[] = [];
		peer.server.requests.length = 0;
		const started = Date.now();
		const result = await pushChanges({
			...viaToken(),
			throttle: { intervalMs: 1, onRateLimit: (ms) => waits.push(ms) },
			...target(repo)
		});
		expect(result.outcome).toEqual('created');
		expect(waits).toEqual([1000]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		const trees = peer.server.requests.filter((entry) => entry.path.endsWith('/git/trees'));
		expect(trees.map((entry) => entry.status)).toEqual([403, 201]);
	});

	it('explains refused tokens, archived and invisible repositories', async () => {
		const repo = await peer.fresh('binary-file');
		const name = `${repo.owner}/binary-file`;
		expect(await failure(pushChanges({ ...viaToken('ghp_wrong'), ...target(repo) }))).toEqual({
			code: 'unauthorized',
			message: 'GitHub refused the token (401 Bad credentials).'
		});
		expect(await failure(pushChanges({ ...viaToken(READ_ONLY), ...target(repo) }))).toEqual({
			code: 'no-write-access',
			message: `The token may not push to ${name} (403 Resource not accessible by personal access token).`
		});
		peer.server.setRepoOptions(repo.owner, 'binary-file', { archived: true });
		expect(await failure(pushChanges(options(repo)))).toEqual({
			code: 'repo-archived',
			message: `${name} is archived, so it is read-only.`
		});
		peer.server.setRepoOptions(repo.owner, 'binary-file', { archived: false, private: true });
		expect(await failure(pushChanges({ ...viaToken(PUBLIC_ONLY), ...target(repo) }))).toEqual({
			code: 'repo-not-found',
			message: `GitHub says ${name} does not exist (404), or the token cannot see it.`
		});
		expect(branches(repo)).toEqual(`main ${repo.baseline.commit}`);
	});

	it('refuses to move a protected or diverged branch after a follow-up', async () => {
		const repo = await peer.fresh('binary-file');
		const first = await pushChanges(options(repo));
		const followUp = options(repo, {
			changes: [{ path: 'notes.txt', before: null, after: bytes('more notes\n') }],
			existingBranch: { name: first.branch, sha: first.commitSha }
		});
		peer.server.setRepoOptions(repo.owner, 'binary-file', { protectedBranches: [first.branch] });
		expect(await failure(pushChanges(followUp))).toEqual({
			code: 'branch-protected',
			message:
				'GitHub refused to move the branch: Protected branch update failed for refs/heads/patchbay/add-notes.'
		});
		peer.server.setRepoOptions(repo.owner, 'binary-file', { protectedBranches: [] });
		const theirs = repo.git(
			'commit-tree',
			'-p',
			first.commitSha,
			'-m',
			'theirs',
			repo.baseline.tree
		);
		repo.git('update-ref', `refs/heads/${first.branch}`, theirs);
		expect(await failure(pushChanges(followUp))).toEqual({
			code: 'branch-diverged',
			message: 'patchbay/add-notes has commits Patchbay did not push, so moving it would drop them.'
		});
		expect(repo.git('rev-parse', first.branch)).toEqual(theirs);
	});

	it('refuses a pull request to a token without access, and an empty push', async () => {
		const repo = await peer.fresh('binary-file');
		const pushed = await pushChanges(options(repo));
		const pr = {
			apiBase: peer.server.url,
			token: READ_ONLY,
			owner: repo.owner,
			repo: repo.repo,
			head: pushed.branch,
			base: 'main',
			title: 'Notes',
			body: ''
		};
		expect(await failure(openPullRequest(pr))).toEqual({
			code: 'no-pr-access',
			message: `The token may not open pull requests on ${repo.owner}/binary-file (403 Resource not accessible by personal access token).`
		});
		const readme = repo.show('main:README.md');
		const unchanged = [{ path: 'README.md', before: readme, after: readme }];
		expect(await failure(pushChanges(options(repo, { changes: unchanged })))).toEqual({
			code: 'nothing-to-push',
			message: 'The changes leave the repository as it was, so there is nothing to push.'
		});
	});
});

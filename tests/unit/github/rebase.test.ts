import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebaseConflictError, type FileChange } from '../../../src/lib/core/diff/index.ts';
import { baseBranchHead, pushChanges, rebaseOntoHead } from '../../../src/lib/core/github/index.ts';
import { startGitHubPeer, TOKEN, type GitHubPeer, type TestRepo } from './peer.ts';

let peer: GitHubPeer;
beforeAll(async () => {
	peer = await startGitHubPeer();
});
afterAll(() => peer.stop());

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);
const access = (repo: TestRepo) => ({
	apiBase: peer.server.url,
	token: TOKEN,
	throttle: { intervalMs: 1 },
	owner: repo.owner,
	repo: repo.repo
});

/** Someone else's commit on main: `changes` on top of the current head. */
async function moveMain(repo: TestRepo, changes: FileChange[]): Promise<string> {
	const pushed = await pushChanges({
		...access(repo),
		baseline: repo.baseline,
		changes,
		branch: { name: 'upstream-work' },
		message: 'Upstream work'
	});
	repo.git('update-ref', 'refs/heads/main', pushed.commitSha);
	return pushed.commitSha;
}

const sumJs = (repo: TestRepo) => text(repo.show('main:src/sum.js'));

describe('rebaseOntoHead', () => {
	it('replays the changes onto a moved base; the pushed branch sits on the new head with both edits', async () => {
		const repo = await peer.fresh('ts-failing-test');
		const sum = sumJs(repo);
		const readme = repo.show('main:README.md');
		const head = await moveMain(repo, [
			{ path: 'src/sum.js', before: bytes(sum), after: bytes(`// Upstream header.\n${sum}`) },
			{ path: 'CHANGELOG.md', before: null, after: bytes('# Changes\n') }
		]);
		expect(await baseBranchHead({ ...access(repo), branch: 'main' })).toBe(head);
		const fixed = sum.replace('let i = 1', 'let i = 0');
		const changes: FileChange[] = [
			{ path: 'src/sum.js', before: bytes(sum), after: bytes(fixed) },
			{ path: 'README.md', before: readme, after: bytes(`${text(readme)}Fixed.\n`) },
			{ path: 'test/extra.test.js', before: null, after: bytes('// more tests\n') }
		];
		const outcome = await rebaseOntoHead({ ...access(repo), head, changes });
		if (!outcome.ok) throw new Error(JSON.stringify(outcome.conflicts));
		expect(outcome.base).toEqual({ commit: head, tree: repo.git('rev-parse', 'main^{tree}') });
		const pushed = await pushChanges({
			...access(repo),
			baseline: outcome.base,
			changes: outcome.changes,
			branch: { title: 'Fix sum' },
			message: 'Fix sum'
		});
		expect(repo.git('rev-parse', `${pushed.branch}^`)).toBe(head);
		expect(text(repo.show(`${pushed.branch}:src/sum.js`))).toBe(`// Upstream header.\n${fixed}`);
		expect(repo.git('diff', '--name-status', 'main', pushed.branch)).toBe(
			['M\tREADME.md', 'M\tsrc/sum.js', 'A\ttest/extra.test.js'].join('\n')
		);
	});

	it('names the files that no longer apply, and changes nothing', async () => {
		const repo = await peer.fresh('ts-failing-test');
		const sum = sumJs(repo);
		const head = await moveMain(repo, [
			{
				path: 'src/sum.js',
				before: bytes(sum),
				after: bytes(sum.replace('let i = 1', 'let i = 2'))
			}
		]);
		const changes: FileChange[] = [
			{
				path: 'src/sum.js',
				before: bytes(sum),
				after: bytes(sum.replace('let i = 1', 'let i = 0'))
			}
		];
		const outcome = await rebaseOntoHead({ ...access(repo), head, changes });
		expect(outcome).toEqual({
			ok: false,
			conflicts: [
				{ path: 'src/sum.js', reason: 'changed here and on the new head, in the same lines' }
			]
		});
		const error = rebaseConflictError(outcome.ok ? [] : outcome.conflicts);
		expect([error.code, error.message]).toEqual([
			'rebase-conflict',
			'The changes do not apply to the new head of the base branch: src/sum.js (changed here and on the new head, in the same lines).'
		]);
		expect(repo.git('rev-parse', 'main')).toBe(head);
	});
});

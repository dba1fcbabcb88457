// The fake GitHub's GET /repos/{owner}/{repo}/branches/{branch}: the branch's head commit as the
// commits API describes it (checked against GitHub's OpenAPI description by the test kit), its
// people and UTC dates from the real commit object, the message without git's final newline.
import { describe, expect, it } from 'vitest';
import { gitIn } from './github-repo-fixture.ts';
import { errorBody, failure, schemaLog, useGitHubServer } from './github-test-kit.ts';

const bed = useGitHubServer();

describe('GET /repos/{owner}/{repo}/branches/{branch}', () => {
	it('answers the head commit with its people, UTC dates, message, tree and parents', async () => {
		const gitDir = bed.demoRepo('one-branch', {
			'agent/nested': { 'nested.txt': { content: 'n\n' } }
		});
		const head = gitIn(gitDir, ['rev-parse', 'agent/nested']);
		const parent = gitIn(gitDir, ['rev-parse', 'main']);
		const tree = gitIn(gitDir, ['rev-parse', 'agent/nested^{tree}']);
		const { data } = await bed.write().rest.repos.getBranch({
			owner: 'octo',
			repo: 'one-branch',
			branch: 'agent/nested'
		});
		const api = `${bed.api}/one-branch`;
		expect({
			name: data.name,
			sha: data.commit.sha,
			commit: data.commit.commit,
			parents: data.commit.parents.map((p) => p.sha),
			accounts: [data.commit.author, data.commit.committer],
			protected: data.protected
		}).toEqual({
			name: 'agent/nested',
			sha: head,
			commit: {
				url: `${api}/git/commits/${head}`,
				author: { name: 'Ada Lovelace', email: 'ada@example.com', date: '2024-05-01T12:00:00Z' },
				committer: {
					name: 'Ada Lovelace',
					email: 'ada@example.com',
					date: '2024-05-01T12:00:00Z'
				},
				// git stores "Work on agent/nested\n"
				message: 'Work on agent/nested',
				comment_count: 0,
				tree: { sha: tree, url: `${api}/git/trees/${tree}` },
				verification: {
					verified: false,
					reason: 'unsigned',
					signature: null,
					payload: null,
					verified_at: null
				}
			},
			parents: [parent],
			accounts: [null, null],
			protected: false
		});
		expect(gitIn(gitDir, ['cat-file', 'commit', head]).endsWith('Work on agent/nested')).toBe(true);
		expect(schemaLog.checked).toEqual(['GET /repos/{owner}/{repo}/branches/{branch} 200']);
	});

	it('answers 404 "Branch not found" for a branch that does not exist', async () => {
		bed.demoRepo('no-branch');
		const missing = await failure(
			bed.anonymous().rest.repos.getBranch({ owner: 'octo', repo: 'no-branch', branch: 'nope' })
		);
		expect(missing).toEqual({ status: 404, data: errorBody(404, 'Branch not found') });
	});
});

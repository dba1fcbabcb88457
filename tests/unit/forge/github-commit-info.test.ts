// The baseline commit's info from GitHub's REST answer, whose dates are UTC: real commits in
// several zones, shaped as the GitHub peer (and GitHub) answers GET git/commits/:sha, must give
// what the commit object itself says — the message as stored, both people, each in their zone.
import * as isogit from 'isomorphic-git';
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitInfoFromObject } from '../../../src/lib/core/git/commit-info.ts';
import {
	commitInfoFromGitHub,
	type GitHubCommit
} from '../../../src/lib/core/forge/github/commit-info.ts';
import { readCommit } from '../../servers/github/commit-object.ts';
import { commitShape } from '../../servers/github/shapes-git.ts';
import { removeDir, tempDir } from '../diff/git-repo.ts';

let dir = '';
beforeAll(() => {
	dir = tempDir('patchbay-github-commit-');
	run(['init', '-q', '-b', 'main']);
	fs.writeFileSync(`${dir}/a.txt`, 'a\n');
	run(['add', 'a.txt']);
});
afterAll(() => removeDir(dir));

function run(args: string[], env: Record<string, string> = {}, input?: string): string {
	const result = spawnSync('git', args, {
		cwd: dir,
		input,
		env: {
			...process.env,
			GIT_CONFIG_NOSYSTEM: '1',
			GIT_CONFIG_GLOBAL: '/dev/null',
			GIT_AUTHOR_NAME: 'Ada',
			GIT_AUTHOR_EMAIL: 'ada@example.com',
			GIT_COMMITTER_NAME: 'Ada',
			GIT_COMMITTER_EMAIL: 'ada@example.com',
			...env
		}
	});
	if (result.status !== 0) throw new Error(result.stderr.toString());
	return result.stdout.toString().trim();
}

/** A commit of the index's tree with these parents, dates and message, stored verbatim. */
function commit(options: {
	authorDate: string;
	committerDate: string;
	message: string;
	parents?: string[];
	committer?: string;
	encoding?: string;
}): string {
	const tree = run(['write-tree']);
	const parents = (options.parents ?? []).flatMap((p) => ['-p', p]);
	const env: Record<string, string> = {
		GIT_AUTHOR_DATE: options.authorDate,
		GIT_COMMITTER_DATE: options.committerDate
	};
	if (options.committer) env.GIT_COMMITTER_NAME = options.committer;
	if (!options.encoding) return run(['commit-tree', tree, ...parents], env, options.message);
	// An `encoding` header: what the rebuild cannot guess, so the UTC fallback is used.
	const body = run([
		'cat-file',
		'commit',
		run(['commit-tree', tree, ...parents], env, options.message)
	]);
	const raw = body.replace(/\n\n/, `\nencoding ${options.encoding}\n\n`) + '\n';
	return run(['hash-object', '-t', 'commit', '-w', '--stdin'], {}, raw);
}

/** GitHub's answer for the commit, as the GitHub peer shapes it (UTC dates). */
async function githubAnswer(sha: string): Promise<GitHubCommit> {
	const object = await readCommit(`${dir}/.git`, sha);
	const repo = { owner: 'acme', name: 'demo', gitDir: dir, options: {} } as Parameters<
		typeof commitShape
	>[1];
	return commitShape('http://github.test', repo, object) as unknown as GitHubCommit;
}

/** What the commit object itself says, read as the smart-HTTP checkout reads it (raw). */
async function exact(sha: string) {
	const { object } = await isogit.readObject({ fs, dir, oid: sha, format: 'content' });
	return commitInfoFromObject(new TextDecoder().decode(object as Uint8Array));
}

describe('commitInfoFromGitHub', () => {
	const root = () =>
		commit({
			authorDate: '2020-01-01T00:00:00Z',
			committerDate: '2020-01-01T00:00:00Z',
			message: 'root\n'
		});

	it.each([
		['UTC', '2024-03-05T14:07:09+00:00', '2024-03-05T14:07:09+00:00'],
		['one zone east', '2024-03-05T14:07:09+05:30', '2024-03-05T15:00:00+05:30'],
		['one zone west', '2023-12-31T23:59:59-03:30', '2024-01-01T00:00:01-03:30'],
		['two zones', '2023-11-02T09:15:30+05:45', '2024-01-07T23:59:59-07:00'],
		['the far ends', '2024-06-01T12:00:00+14:00', '2024-06-01T12:00:00-12:00']
	])('gives the commit’s own zones: %s', async (_, authorDate, committerDate) => {
		const sha = commit({
			authorDate,
			committerDate,
			message: 'Change\n\nWith a body.\n',
			parents: [root()],
			committer: 'Release Bot'
		});
		const info = commitInfoFromGitHub(await githubAnswer(sha));
		expect(info).toEqual(await exact(sha));
		expect(info.date).toBe(authorDate);
		expect(info.committerDate).toBe(committerDate);
	});

	it('keeps a message without a final newline, and a merge’s parents', async () => {
		const first = root();
		const second = commit({
			authorDate: '2021-01-01T00:00:00+01:00',
			committerDate: '2021-01-01T00:00:00+01:00',
			message: 'two\n'
		});
		const sha = commit({
			authorDate: '2022-02-02T10:00:00+09:00',
			committerDate: '2022-02-02T10:00:00+09:00',
			message: 'Merge without a newline',
			parents: [first, second]
		});
		expect(commitInfoFromGitHub(await githubAnswer(sha))).toEqual(await exact(sha));
	});

	it('gives the object of a signed commit from its verified payload', async () => {
		const sha = commit({
			authorDate: '2024-05-01T12:00:00+02:00',
			committerDate: '2024-05-01T12:30:00+02:00',
			message: 'Signed\n'
		});
		const payload = run(['cat-file', 'commit', sha]) + '\n';
		const answer = { ...(await githubAnswer(sha)), sha: 'f'.repeat(40), verification: { payload } };
		expect(commitInfoFromGitHub(answer)).toEqual(await exact(sha));
	});

	it('falls back to UTC, the instants still right, when the object cannot be rebuilt', async () => {
		const sha = commit({
			authorDate: '2024-05-01T12:00:00+02:00',
			committerDate: '2024-05-01T12:00:00+02:00',
			message: 'Encoded\n',
			encoding: 'ISO-8859-1'
		});
		expect(commitInfoFromGitHub(await githubAnswer(sha))).toEqual({
			message: 'Encoded\n',
			author: 'Ada <ada@example.com>',
			date: '2024-05-01T10:00:00+00:00',
			committer: 'Ada <ada@example.com>',
			committerDate: '2024-05-01T10:00:00+00:00'
		});
	});
});

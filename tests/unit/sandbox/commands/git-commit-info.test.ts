// The baseline commit's people and dates as git prints them: a commit whose author and committer
// differ, each in their own time zone, read out of the repository the way the smart-HTTP
// checkout reads it (the raw object from isomorphic-git's store → commitInfoFromObject), then `git log`/`git show` in
// a Lite sandbox against the real git on the same commit.
import * as isogit from 'isomorphic-git';
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobOidSync } from '../../../../src/lib/core/diff/index.ts';
import {
	commitInfoFromObject,
	isoDate,
	type Baseline
} from '../../../../src/lib/core/git/index.ts';
import {
	createLiteSandbox,
	liteCommands,
	type CommitInfo,
	type Sandbox
} from '../../../../src/lib/core/sandbox/index.ts';
import { removeDir, tempDir, writeTree } from '../../diff/git-repo.ts';
import { file } from './fixture.ts';

const ROOT = '/work/repo';
const FILES = [file('README.md', '# demo\n'), file('src/a.ts', 'export const a = 1;\n')];
const MESSAGE = 'Release the demo\n\nWith a body,\nover two lines.\n';

const PEOPLE = {
	GIT_AUTHOR_NAME: 'Grace Hopper',
	GIT_AUTHOR_EMAIL: 'grace@example.com',
	GIT_AUTHOR_DATE: '2023-11-02T09:15:30+05:30',
	GIT_COMMITTER_NAME: 'Release Bot',
	GIT_COMMITTER_EMAIL: 'bot@example.org',
	GIT_COMMITTER_DATE: '2024-01-07T23:59:59-07:00'
};

function real(dir: string, script: string) {
	const run = spawnSync('bash', ['-c', script], {
		cwd: dir,
		env: {
			...process.env,
			...PEOPLE,
			GIT_CONFIG_NOSYSTEM: '1',
			GIT_CONFIG_GLOBAL: '/dev/null',
			LC_ALL: 'C',
			TZ: 'UTC'
		}
	});
	return { stdout: run.stdout.toString(), exitCode: run.status ?? -1 };
}

let dir = '';
let sandbox: Sandbox;
let info: CommitInfo;

beforeAll(async () => {
	dir = tempDir('patchbay-commit-info-');
	writeTree(dir, FILES);
	fs.writeFileSync(`${dir}/.git-message`, MESSAGE);
	real(dir, 'git init -q -b main && git add README.md src && git commit -q -F .git-message');
	const commit = real(dir, 'git rev-parse HEAD').stdout.trim();
	// As the smart-HTTP checkout reads it: the raw object out of the store.
	const { object } = await isogit.readObject({ fs, dir, oid: commit, format: 'content' });
	info = commitInfoFromObject(new TextDecoder().decode(object as Uint8Array))!;
	const tree = real(dir, 'git rev-parse HEAD^{tree}').stdout.trim();
	const blobs = new Map(FILES.map((f) => [blobOidSync(f.bytes), f.bytes]));
	const baseline: Baseline = {
		commit,
		tree,
		branch: 'main',
		entries: FILES.map(({ path, mode, bytes }) => ({ path, mode, oid: blobOidSync(bytes) })),
		skipped: [],
		commitInfo: info
	};
	sandbox = createLiteSandbox({
		root: ROOT,
		commands: liteCommands({
			baseline,
			readBaseline: async (oid) => blobs.get(oid)!,
			commitInfo: baseline.commitInfo,
			root: ROOT
		})
	});
	await sandbox.writeTree(FILES.map(({ path, mode, bytes }) => ({ path, mode, data: bytes })));
});
afterAll(async () => {
	await sandbox?.dispose();
	removeDir(dir);
});

describe('the commit as the checkout reads it', () => {
	it('keeps the message, both people and both time zones', () => {
		expect(info).toEqual({
			message: MESSAGE,
			author: 'Grace Hopper <grace@example.com>',
			date: '2023-11-02T09:15:30+05:30',
			committer: 'Release Bot <bot@example.org>',
			committerDate: '2024-01-07T23:59:59-07:00'
		});
	});

	it('writes epoch seconds in a zone as ISO 8601 with that offset', () => {
		expect(isoDate(0, 0)).toBe('1970-01-01T00:00:00+00:00');
		expect(isoDate(1_700_000_000, -210)).toBe('2023-11-14T18:43:20-03:30');
		expect(isoDate(1_700_000_000, 345)).toBe('2023-11-15T03:58:20+05:45');
	});
});

describe('git log and git show print the baseline commit as git does', () => {
	it.each([
		'git log',
		'git log -1',
		'git show -s',
		"git log -1 --format='%an %ae %ad %B'",
		"git log -1 --format='%cn %ce %cd'",
		"git log -1 --format='%aI %cI %at %ct %ai %ci %as %cs'",
		"git show -s --format='%an <%ae> / %cn <%ce>%n%B'",
		'git log --pretty=full',
		'git log --pretty=fuller',
		'git log --pretty=fuller --date=iso',
		'git show -s --pretty=fuller',
		'git log --date=short',
		'git log --oneline'
	])('%s', async (command) => {
		const lite = await sandbox.exec(command);
		const want = real(dir, command);
		expect({ stdout: lite.stdout, exitCode: lite.exitCode }).toEqual(want);
	});
});

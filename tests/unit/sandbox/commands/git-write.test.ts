import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTwin, type Twin } from './fixture.ts';
import { BASE, EDITS } from './scenario.ts';

const COLLECTED = 'your changes are collected automatically when the task ends';

describe('git commands that would write history', () => {
	let twin: Twin;
	beforeEach(async () => {
		twin = await createTwin(BASE);
	});
	afterEach(() => twin.dispose());

	it.each([
		['git commit -am "Fix it"', `git: 'commit' is not available in this sandbox; ${COLLECTED}\n`],
		[
			'git push origin HEAD',
			`git: 'push' is not available in this sandbox: it has no remote; ${COLLECTED}\n`
		],
		[
			'git checkout -b feature',
			`git: 'checkout' is not available in this sandbox; ${COLLECTED}\n` +
				'hint: git checkout -- <path> brings back the baseline version of a file\n'
		],
		[
			'git stash',
			`git: 'stash' is not available in this sandbox; ${COLLECTED}\n` +
				'hint: git diff > file.patch saves your changes; git restore <path> brings back a file\n'
		],
		[
			'git grep TODO',
			"git: 'grep' is not available in this sandbox; available: status, diff, log, show, " +
				'rev-parse, branch, ls-files, restore, checkout -- <path>, reset --hard\n' +
				'hint: use grep -rn or rg\n'
		],
		['git frobnicate', "git: 'frobnicate' is not a git command. See 'git --help'.\n"]
	])('%s fails with exit 1 and says why', async (command, stderr) => {
		expect(await twin.lite(command)).toEqual({ stdout: '', stderr, exitCode: 1 });
	});

	it('git add succeeds without staging anything, and says so', async () => {
		await twin.edit('echo more >> README.md');
		expect(await twin.lite('git add -A && git status --porcelain')).toEqual({
			stdout: ' M README.md\n',
			stderr:
				'note: nothing needs staging in this sandbox; every change is collected when the task ends\n',
			exitCode: 0
		});
	});

	it('an unknown option is a usage error', async () => {
		const lite = await twin.lite('git status --frob');
		expect([lite.exitCode, lite.stderr.split('\n')[0]]).toEqual([
			129,
			"error: unknown option 'frob'"
		]);
	});

	it('switching to another branch is refused', async () => {
		expect(await twin.lite('git checkout feature')).toEqual({
			stdout: '',
			stderr:
				`git: 'checkout' is not available in this sandbox; ${COLLECTED}\n` +
				'hint: git checkout -- <path> brings back the baseline version of a file\n',
			exitCode: 1
		});
	});

	it('switching to the current branch is fine', async () => {
		expect(await twin.lite('git checkout main')).toEqual({
			stdout: '',
			stderr: "Already on 'main'\n",
			exitCode: 0
		});
	});
});

describe('bringing back baseline files', () => {
	let twin: Twin;
	beforeEach(async () => {
		twin = await createTwin(BASE);
		await twin.edit(EDITS);
	});
	afterEach(() => twin.dispose());

	it.each([
		'git restore src/app.ts docs',
		'git checkout -- image.bin link bin/tool',
		'git checkout HEAD -- .',
		'git restore to-delete.txt README.md',
		'git checkout to-delete.txt',
		'git reset --hard'
	])('%s leaves the tree as git does', async (command) => {
		await twin.edit(command);
		const check = 'git status --porcelain -uall && cat src/app.ts docs/guide.md';
		const lite = await twin.lite(check);
		expect(lite).toEqual({ ...twin.real(check), stderr: '' });
	});

	it('restores from a subdirectory, relative to it', async () => {
		await twin.edit('cd src && git restore app.ts old-name.ts');
		const status = 'git status --porcelain';
		expect((await twin.lite(status)).stdout).toBe(twin.real(status).stdout);
	});

	it('git reset --hard reports the commit', async () => {
		const lite = await twin.lite('git reset --hard');
		expect(lite).toEqual({
			stdout: `HEAD is now at ${twin.baseline.commit.slice(0, 7)} Initial import\n`,
			stderr: '',
			exitCode: 0
		});
	});

	it('checking out a file from a commit it does not have is an error', async () => {
		const lite = await twin.lite('git checkout HEAD~1 -- src/app.ts');
		expect([lite.exitCode, lite.stderr.split('\n')[0]]).toEqual([
			128,
			"fatal: ambiguous argument 'HEAD~1': unknown revision or path not in the working tree."
		]);
		expect((await twin.lite('git diff --name-only src/app.ts')).stdout).toBe('src/app.ts\n');
	});

	it('a path git does not know is an error', async () => {
		expect(await twin.lite('git restore nowhere.txt')).toEqual({
			stdout: '',
			stderr: "error: pathspec 'nowhere.txt' did not match any file(s) known to git\n",
			exitCode: 1
		});
	});
});

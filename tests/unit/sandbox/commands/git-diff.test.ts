import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobOidSync } from '../../../../src/lib/core/diff/index.ts';
import { createTwin, file, lines, type Twin, expectSame } from './fixture.ts';
import { BASE, EDITS } from './scenario.ts';

describe('git diff after edits (working tree, nothing staged)', () => {
	let twin: Twin;
	beforeAll(async () => {
		twin = await createTwin(BASE);
		await twin.edit(EDITS);
	});
	afterAll(() => twin.dispose());

	it.each([
		'git diff',
		'git --no-pager diff --no-color',
		'git diff HEAD',
		'git diff --stat',
		'git diff --numstat',
		'git diff --shortstat',
		'git diff --name-only',
		'git diff --name-status',
		'git diff --stat -p',
		'git diff --numstat --stat',
		'git diff -- src',
		'git diff src/app.ts',
		'git diff HEAD -- docs/guide.md',
		'git diff --stat -- src docs',
		"git diff --name-only -- '*.md'",
		'git diff --diff-filter=D --name-only',
		'git diff --diff-filter=d --name-status',
		'git diff --quiet',
		'git diff --exit-code --stat',
		'git diff --quiet -- newdir',
		'git diff --full-index -- src/app.ts',
		'git diff -z --name-only',
		'git diff HEAD..HEAD',
		'git diff HEAD HEAD',
		'git diff --summary',
		'git diff --stat --summary',
		'git diff --summary -p -- README.md',
		'git diff -M --name-status'
	])('%s matches git', async (command) => {
		await expectSame(twin, command);
	});

	it.each([
		'git diff',
		'git diff --stat',
		'git diff --name-only',
		'git diff -- .',
		'git diff --stat util ../docs',
		'git diff app.ts'
	])('%s from a subdirectory matches git', async (command) => {
		await expectSame(twin, command, 'src');
	});

	it('shows a binary change as git does without --binary', async () => {
		const lite = await twin.lite('git diff image.bin');
		expect(lite.stdout).toBe(
			[
				'diff --git a/image.bin b/image.bin',
				`index ${blobOidSync(new Uint8Array([0, 1, 2, 3, 255])).slice(0, 7)}..${blobOidSync(new Uint8Array([0, 1, 2])).slice(0, 7)} 100644`,
				'Binary files a/image.bin and b/image.bin differ',
				''
			].join('\n')
		);
	});

	it('refuses a revision it does not have, saying why', async () => {
		const lite = await twin.lite('git diff HEAD~1 --stat');
		const short = twin.baseline.commit.slice(0, 7);
		expect(lite).toEqual({
			stdout: '',
			stderr:
				"fatal: ambiguous argument 'HEAD~1': unknown revision or path not in the working tree.\n" +
				"Use '--' to separate paths from revisions, like this:\n" +
				"'git <command> [<revision>...] -- [<file>...]'\n" +
				`note: this sandbox holds only the baseline commit ${short} (HEAD, main); earlier history is not available.\n`,
			exitCode: 128
		});
	});

	it('refuses a context size formatPatch cannot produce', async () => {
		const lite = await twin.lite('git diff -U0');
		expect(lite).toEqual({
			stdout: '',
			stderr: 'git: only 3 lines of context (-U3) are available in this sandbox\n',
			exitCode: 1
		});
	});
});

describe('git diff --cached shows everything the task hands in', () => {
	let twin: Twin;
	beforeAll(async () => {
		twin = await createTwin(BASE);
		await twin.edit(EDITS);
		// The real repository stages everything, as the end of the task effectively does.
		expect(twin.real('git add -A').exitCode).toBe(0);
	});
	afterAll(() => twin.dispose());

	it.each([
		'git diff --cached',
		'git diff --staged --stat',
		'git diff --cached --numstat',
		'git diff --cached --name-status',
		'git diff --cached --name-only',
		'git diff --cached --shortstat',
		'git diff --cached HEAD -- src',
		'git diff --cached --no-renames --name-status',
		'git diff --cached --summary',
		'git diff --cached -M --stat --summary'
	])('%s matches git after git add -A', async (command) => {
		await expectSame(twin, command);
	});

	it('shows a rename as git does', async () => {
		const lite = await twin.lite('git diff --cached --stat -- src');
		expect(lite.stdout).toBe(
			[
				' src/app.ts                       | 1 +',
				' src/{old-name.ts => new-name.ts} | 0',
				' src/util/extra.ts                | 1 +',
				' 3 files changed, 2 insertions(+)',
				''
			].join('\n')
		);
	});
});

describe('git diff --stat layout', () => {
	const longName = 'a/very/long/path/name/that/goes/on/and/on/for/quite/a/while/past/the/width.txt';
	let twin: Twin;
	beforeAll(async () => {
		twin = await createTwin([
			file(longName, lines(1, 200)),
			file('mid/size.txt', lines(1, 30)),
			file('short.txt', lines(1, 10)),
			file('tiny.txt', 'x\n')
		]);
		await twin.edit(
			[
				`seq 50 300 | sed 's/^/line /' > ${longName}`,
				"seq 1 30 | sed 's/^/row /' > mid/size.txt",
				"echo 'line 11' >> short.txt",
				'rm tiny.txt'
			].join('\n')
		);
	});
	afterAll(() => twin.dispose());

	it.each(['git diff --stat', 'git diff --stat=60', 'git diff --stat=200', 'git diff --numstat'])(
		'%s matches git (names cut, graph scaled)',
		async (command) => {
			await expectSame(twin, command);
		}
	);
});

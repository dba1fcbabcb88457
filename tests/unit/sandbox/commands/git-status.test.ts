import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTwin, file, type Twin, expectSame } from './fixture.ts';
import { BASE, EDITS } from './scenario.ts';

describe('git status on a clean tree', () => {
	let twin: Twin;
	beforeAll(async () => {
		twin = await createTwin(BASE);
	});
	afterAll(() => twin.dispose());

	it.each(['git status', 'git status --porcelain', 'git status -sb', 'git status -uno'])(
		'%s',
		async (command) => {
			await expectSame(twin, command);
		}
	);

	it('says the tree is clean in the long format', async () => {
		const lite = await twin.lite('git status');
		expect(lite.stdout).toBe('On branch main\nnothing to commit, working tree clean\n');
	});
});

describe('git status after edits', () => {
	let twin: Twin;
	beforeAll(async () => {
		twin = await createTwin(BASE);
		await twin.edit(EDITS);
	});
	afterAll(() => twin.dispose());

	it.each([
		'git status',
		'git status -s',
		'git status --short --branch',
		'git status --porcelain',
		'git status --porcelain=v1 -b',
		'git status --porcelain -uall',
		'git status --untracked-files=no',
		'git status -uno --porcelain',
		'git status -z',
		'git status --porcelain src',
		'git status -s -- src/util newdir',
		"git status --porcelain -- ':!src'",
		"git status --porcelain '*.ts'",
		'git status --porcelain=v2',
		'git status --porcelain=v2 --branch',
		'git status --porcelain=v2 -z',
		'git status --porcelain=v2 -uall -- src'
	])('%s matches git', async (command) => {
		await expectSame(twin, command);
	});

	it.each([
		'git status',
		'git status -s',
		'git status --porcelain',
		'git status -s .',
		'git status -s ../docs',
		'git status --porcelain util',
		'git status --porcelain=v2',
		'git status --porcelain=v2 -z'
	])('%s from a subdirectory matches git', async (command) => {
		await expectSame(twin, command, 'src');
	});

	it('lists the changes the way git does (a whole output)', async () => {
		const lite = await twin.lite('git status --porcelain');
		expect(lite.stdout).toBe(
			[
				' M README.md',
				' M "a b.txt"',
				' T bin/tool',
				' M docs/guide.md',
				' M image.bin',
				' M link',
				' M src/app.ts',
				' D src/old-name.ts',
				' D to-delete.txt',
				'?? newdir/',
				'?? src/new-name.ts',
				'?? src/util/extra.ts',
				''
			].join('\n')
		);
	});
});

describe('git status sees each new edit', () => {
	it('notices a same-size rewrite right after a status (no stale stat data)', async () => {
		const twin = await createTwin([file('note.txt', 'aaaa\n'), file('other.txt', 'x\n')]);
		try {
			const seen: string[] = [];
			for (const letter of ['b', 'c', 'a', 'd']) {
				await twin.lite('git status --porcelain');
				await twin.lite(`echo ${letter.repeat(4)} > note.txt`);
				seen.push((await twin.lite('git status --porcelain')).stdout);
			}
			expect(seen).toEqual([' M note.txt\n', ' M note.txt\n', '', ' M note.txt\n']);
		} finally {
			twin.dispose();
		}
	});
});

describe('git outside the repository', () => {
	it('fails like git when the working directory is outside the root', async () => {
		const twin = await createTwin([file('a.txt', 'a\n')]);
		try {
			const lite = await twin.lite('cd / && git status');
			expect(lite).toEqual({
				stdout: '',
				stderr: 'fatal: not a git repository (or any of the parent directories): .git\n',
				exitCode: 128
			});
		} finally {
			twin.dispose();
		}
	});
});

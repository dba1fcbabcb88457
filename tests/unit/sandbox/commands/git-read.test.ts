import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTwin, ROOT, type Twin, expectSame } from './fixture.ts';
import { BASE, EDITS } from './scenario.ts';

const MESSAGE =
	'Add the demo\n\nA body that says why,\nover two lines.\n\nAnd a second paragraph.\n';

describe('git log, show, rev-parse, branch, ls-files on the baseline', () => {
	let twin: Twin;
	beforeAll(async () => {
		twin = await createTwin(BASE, MESSAGE);
	});
	afterAll(() => twin.dispose());

	it.each([
		'git log',
		'git log -1',
		'git log -n 1 --oneline',
		'git log --oneline -5',
		'git log --max-count=1 --pretty=short',
		'git log --decorate --oneline',
		'git log --decorate',
		'git log --format=%H',
		"git log --pretty=format:'%h %s'",
		"git log -1 --format='%an|%ae|%ad|%aI|%ai|%at|%as|%T|%t|%d|%D'",
		"git log -1 --format='[%s]%n[%b]%n[%B]'",
		'git log --date=iso',
		'git log --date=short --format=%ad',
		'git log -- README.md',
		'git log HEAD..HEAD',
		'git log main -1 --oneline',
		'git rev-parse HEAD',
		'git rev-parse --short HEAD',
		'git rev-parse HEAD^{tree}',
		'git rev-parse --abbrev-ref HEAD',
		'git rev-parse --is-inside-work-tree',
		'git rev-parse --verify HEAD',
		'git rev-parse main HEAD',
		'git branch',
		'git branch --show-current',
		'git branch -v',
		'git branch --list',
		'git show HEAD:README.md',
		'git show HEAD:docs',
		'git show HEAD:',
		'git show :README.md',
		'git show HEAD:link',
		'git show -s --format=%H%n%s',
		'git show --no-patch',
		'git show HEAD:missing.txt',
		'git ls-files',
		'git ls-files src',
		"git ls-files '*.ts'",
		'git ls-files -z',
		'git ls-files -s',
		'git ls-files --stage src',
		'git log --stat',
		'git log --oneline --numstat',
		'git log --name-status',
		'git show --name-only',
		'git show --format=%s --shortstat',
		'git log --stat -p -1'
	])('%s matches git', async (command) => {
		await expectSame(twin, command);
	});

	it.each([
		['git rev-parse --show-prefix', 'src/util'],
		['git rev-parse --show-cdup', 'src/util'],
		['git ls-files', 'src'],
		['git ls-files --full-name', 'src'],
		['git ls-files ../docs', 'src'],
		['git show HEAD:./guide.md', 'docs'],
		['git log --oneline', 'src']
	])('%s in %s matches git', async (command, cwd) => {
		await expectSame(twin, command, cwd);
	});

	it('prints the commit as git log does (whole output)', async () => {
		const lite = await twin.lite('git log');
		expect(lite.stdout).toBe(
			[
				`commit ${twin.baseline.commit}`,
				'Author: Ada Lovelace <ada@example.com>',
				'Date:   Tue Mar 5 14:07:09 2024 +0130',
				'',
				'    Add the demo',
				'    ',
				'    A body that says why,',
				'    over two lines.',
				'    ',
				'    And a second paragraph.',
				''
			].join('\n')
		);
	});

	it('prints a binary file byte for byte', async () => {
		expect((await twin.lite('git show HEAD:image.bin > copy.bin')).exitCode).toBe(0);
		expect(await twin.sandbox.readFile('copy.bin')).toEqual(new Uint8Array([0, 1, 2, 3, 255]));
	});

	it('names the repository root', async () => {
		expect(await twin.lite('git rev-parse --show-toplevel', 'src')).toEqual({
			stdout: `${ROOT}\n`,
			stderr: '',
			exitCode: 0
		});
	});

	it.each(['git show --stat --oneline', 'git show', 'git log -p', 'git log --stat --summary'])(
		'%s shows the commit as a root commit, as git does a depth-1 clone',
		async (command) => {
			await expectSame(twin, command);
		}
	);
});

describe('git ls-files after edits', () => {
	let twin: Twin;
	beforeAll(async () => {
		twin = await createTwin(BASE);
		await twin.edit(EDITS);
	});
	afterAll(() => twin.dispose());

	it.each([
		'git ls-files',
		'git ls-files -m',
		'git ls-files -d',
		'git ls-files -o --exclude-standard',
		'git ls-files --others --directory --exclude-standard'
	])('%s matches git', async (command) => {
		await expectSame(twin, command);
	});

	it.each(['git ls-files -m', 'git ls-files -o --exclude-standard'])(
		'%s from a subdirectory matches git',
		async (command) => {
			await expectSame(twin, command, 'src');
		}
	);
});

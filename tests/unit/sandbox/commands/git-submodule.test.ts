// Submodules (gitlinks, mode 160000) as a clone without --recurse-submodules has them: tracked
// paths with an empty folder. Listed by ls-files, never collapsed into an untracked folder or
// looked inside, and a file put in a submodule's place is git's type change, in the commands
// and in the exported patch ("Subproject commit" lines) that `git apply` takes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectChanges, formatPatch } from '../../../../src/lib/core/diff/index.ts';
import { createTwin, expectSame, file, type Twin } from './fixture.ts';

const LINKS = [
	{ path: 'lib/sub', oid: '1234567890abcdef1234567890abcdef12345678' },
	{ path: 'vendor/mod', oid: 'fedcba0987654321fedcba0987654321fedcba09' }
];
const FILES = [file('README.md', '# with submodules\n'), file('lib/index.ts', 'export {};\n')];

async function twinWithSubmodules(): Promise<Twin> {
	const twin = await createTwin(FILES, 'Add submodules\n', LINKS);
	await twin.lite('mkdir -p lib/sub vendor/mod');
	return twin;
}

describe('submodules on a clean tree', () => {
	let twin: Twin;
	beforeAll(async () => {
		twin = await twinWithSubmodules();
	});
	afterAll(() => twin.dispose());

	it.each([
		'git status',
		'git status --porcelain=v2',
		'git ls-files',
		'git ls-files -s',
		'git diff',
		'git show --stat'
	])('%s matches git', async (command) => {
		await expectSame(twin, command);
	});
});

describe('submodules after edits', () => {
	let twin: Twin;
	beforeAll(async () => {
		twin = await twinWithSubmodules();
		await twin.edit(
			[
				'echo new > lib/new.txt',
				'echo inside > lib/sub/inside.txt',
				'rm -rf vendor/mod && echo replaced > vendor/mod'
			].join('\n')
		);
	});
	afterAll(() => twin.dispose());

	it.each([
		'git status',
		'git status -s',
		'git status --porcelain=v2',
		'git status -uall --porcelain',
		'git ls-files -o',
		'git diff',
		'git diff --stat',
		'git diff --numstat',
		'git diff --summary',
		'git diff --name-status'
	])('%s matches git', async (command) => {
		await expectSame(twin, command);
	});

	it("exports a patch that git applies to the baseline's tree, giving the edited tree", async () => {
		// The sandbox as the attempt's result reads it (core/run/attempt-changes.ts).
		const reader = {
			list: () => twin.sandbox.list('', { skipDirs: ['.git', 'node_modules'] }),
			read: async (path: string) => (await twin.sandbox.readFile(path)) ?? new Uint8Array()
		};
		const changes = await detectChanges(twin.baseline, reader, async (oid) => twin.blobs.get(oid)!);
		const patch = formatPatch(changes);
		expect(patch).toContain(`-Subproject commit ${LINKS[1]!.oid}\n`);
		const index = 'GIT_INDEX_FILE=.git/apply-index';
		const applied = twin.real(
			`${index} git read-tree HEAD && ${index} git apply --cached - <<'PATCH'\n${patch}PATCH\n` +
				`${index} git write-tree`
		);
		const expected = twin.real('git add -A && git write-tree');
		expect(applied.stderr).toBe('');
		expect(applied.stdout).toBe(expected.stdout);
	});
});

// .gitattributes line endings in the sandbox's git, against the real git on the same edits: a
// file rewritten with CRLF where git stores LF is unchanged, a changed one diffs as LF lines,
// `text=auto` leaves binary-looking files alone, and what the task hands in (`diff --cached`,
// the review's changes) is what `git add -A` would store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectChanges, readerFromFiles } from '../../../../src/lib/core/diff/index.ts';
import { createTwin, expectSame, file, type Twin } from './fixture.ts';

const ATTRIBUTES = '* text=auto\n*.sh text eol=lf\n*.bat eol=crlf\nraw/** -text\n';

const EDITS = [
	// The same lines with CRLF: git hashes them as LF, so nothing changed.
	"printf 'one\\r\\ntwo\\r\\n' > same.txt",
	"printf 'one\\r\\nTWO\\r\\nthree\\r\\n' > edited.txt",
	"printf '#!/bin/sh\\r\\necho hi\\r\\n' > run.sh",
	"printf 'new\\r\\nfile\\r\\n' > new.txt",
	// -text: stored as written.
	"printf 'kept\\r\\n' > raw/kept.txt",
	// A lone CR makes text=auto call it binary: stored as written.
	"printf 'a\\rb\\r\\n' > lone-cr.txt"
].join(' && ');

describe('git with .gitattributes line endings', () => {
	let twin: Twin;
	beforeAll(async () => {
		twin = await createTwin([
			file('.gitattributes', ATTRIBUTES),
			file('same.txt', 'one\ntwo\n'),
			file('edited.txt', 'one\ntwo\n'),
			file('run.sh', '#!/bin/sh\necho hi\n'),
			file('raw/kept.txt', 'kept\n'),
			file('lone-cr.txt', 'a\n')
		]);
		await twin.edit(EDITS);
		// git's index remembers each file's size from the checkout, and `status` calls a file
		// whose size changed modified without reading it, though `diff` then shows nothing
		// (same.txt, run.sh). The sandbox compares content, as git does with an index that has
		// no stat data yet: the one read-tree leaves.
		twin.real('git read-tree HEAD');
	});
	afterAll(() => twin.dispose());

	it.each([
		'git status --porcelain',
		'git status',
		'git diff',
		'git diff --stat',
		'git diff --numstat',
		'git ls-files -m'
	])('%s matches git', async (command) => {
		await expectSame(twin, command);
	});

	it('shows the edited file with the LF lines git stores', async () => {
		const lite = await twin.lite('git diff -- edited.txt');
		expect(lite.stdout).toContain('-two\n+TWO\n+three\n');
		expect(lite.stdout).not.toContain('\r');
	});

	it('hands in what git add -A stores (git diff --cached, the review)', async () => {
		const staged = 'git add -A && git diff --cached && git diff --cached --stat';
		await expectSame(twin, 'git diff --cached; git diff --cached --stat', '', staged);
		const stored = twin.real('git ls-files -s').stdout;
		const changes = await detectChanges(
			twin.baseline,
			readerFromFiles(await filesOf(twin)),
			async (oid) => twin.blobs.get(oid)!
		);
		for (const change of changes) {
			expect(stored).toContain(`${change.afterOid} 0\t${change.path}\n`);
		}
		expect(changes.map((change) => change.path)).toEqual([
			'edited.txt',
			'lone-cr.txt',
			'new.txt',
			'raw/kept.txt'
		]);
		const added = changes.find((change) => change.path === 'new.txt')!;
		expect(new TextDecoder().decode(added.after!)).toBe('new\nfile\n');
	});
});

describe('an edited .gitattributes', () => {
	let twin: Twin;
	beforeAll(async () => {
		twin = await createTwin([file('.gitattributes', '*.txt text\n'), file('a.txt', 'a\n')]);
		// Now -text: the CRLF written next is stored as it is, so a.txt changed.
		await twin.edit("printf '*.txt -text\\n' > .gitattributes && printf 'a\\r\\n' > a.txt");
		twin.real('git read-tree HEAD');
	});
	afterAll(() => twin.dispose());

	it.each(['git status --porcelain', 'git diff'])('%s matches git', async (command) => {
		await expectSame(twin, command);
	});
});

async function filesOf(twin: Twin) {
	const entries = await twin.sandbox.list();
	return Promise.all(
		entries.map(async ({ path, mode }) => ({
			path,
			mode,
			bytes: (await twin.sandbox.readFile(path))!
		}))
	);
}

// .gitattributes matching and the line-ending clean conversion against the real git: each case
// commits a baseline, changes the working tree, and compares (1) `git check-attr` with the
// matcher, (2) the tracked files `git diff` finds changed and (3) the blob ids `git add -A`
// stores with the ones detectChanges computes, for every path. As in a clone, a file left as
// committed is not touched, so not re-hashed (chalk's PNGs committed with CRLF under
// `* text eol=lf` stay unchanged); a rewritten one is hashed after its conversion.
import { spawnSync } from 'node:child_process';
import { copyFileSync, renameSync, rmSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
	detectChanges,
	readerFromFiles,
	type Baseline,
	type SandboxFile
} from '../../../src/lib/core/diff/index.ts';
import { foldersAbove, type AttrValue } from '../../../src/lib/core/diff/git-attributes.ts';
import { loadAttributes } from '../../../src/lib/core/diff/load-attributes.ts';
import { git, readTree, removeDir, tempDir, writeTree } from './git-repo.ts';

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
const file = (path: string, text: string): SandboxFile => ({
	path,
	mode: '100644',
	bytes: bytes(text)
});

const CRLF_TEXT = 'one\r\ntwo\r\n';
const MIXED = 'one\r\ntwo\nthree\r\n';
const LONE_CR = 'one\rtwo\r\nthree\n';
const PNG_LIKE = '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\r\n';
/** No NUL, but control bytes past git's 1-in-128 limit: binary to text=auto. */
const CONTROL = 'a\x01\x02\x03b\r\nc\r\n';

type Case = {
	name: string;
	/** Committed first (no attributes apply when committing: the files are added as they are). */
	base: SandboxFile[];
	/** The working tree afterwards: these written, `remove` deleted. */
	write: SandboxFile[];
	remove?: string[];
	/**
	 * `git add -A` stages a deleted .gitattributes before the files after it, which then no
	 * longer see it; `status` and `diff` (and the sandbox) read it from the index.
	 */
	addSeesIndexAttributes?: false;
};

const CASES: Case[] = [
	{
		name: '* text eol=lf (every file text, PNGs too)',
		base: [
			file('.gitattributes', '* text eol=lf\n'),
			file('logo.png', PNG_LIKE),
			file('rewritten.png', `${PNG_LIKE}old`),
			file('a.txt', 'a\n')
		],
		write: [
			file('a.txt', CRLF_TEXT),
			file('b.txt', MIXED),
			file('c.txt', LONE_CR),
			// Rewritten, so hashed after conversion: git stores it with LF, a different blob.
			file('rewritten.png', PNG_LIKE)
		]
	},
	{
		name: '* text=auto: heuristic and safer autocrlf',
		base: [
			file('.gitattributes', '* text=auto\n'),
			file('committed-crlf.txt', CRLF_TEXT),
			file('committed-lf.txt', 'x\n')
		],
		write: [
			file('committed-crlf.txt', `${CRLF_TEXT}three\r\n`),
			file('committed-lf.txt', CRLF_TEXT),
			file('new.txt', MIXED),
			file('lone-cr.txt', LONE_CR),
			file('control.dat', CONTROL),
			file('image.png', PNG_LIKE),
			file('eof.txt', 'a\r\nb\x1a')
		]
	},
	{
		name: 'nested files, anchored and slashed patterns, unset and -text',
		base: [
			file('.gitattributes', '* text=auto\n/top.txt text\nsub/x.txt -text\n*.keep !text\n'),
			file('sub/.gitattributes', '*.bat -text\n*.sh eol=crlf\n/only-here.txt text\n'),
			file('docs/.gitattributes', '**/*.md binary\n*.md diff\n')
		],
		write: [
			'top.txt',
			'sub/top.txt',
			'sub/x.txt',
			'sub/run.bat',
			'sub/run.sh',
			'sub/only-here.txt',
			'sub/deeper/only-here.txt',
			'a.keep',
			'docs/guide/a.md',
			'docs/b.md'
		].map((path) => file(path, CONTROL))
	},
	{
		name: 'macros, the later line winning, crlf-era attributes',
		base: [
			file(
				'.gitattributes',
				'[attr]lf text eol=lf\n*.c lf\n*.png binary\nspecial.png text\n*.old crlf\n' +
					'*.in crlf=input\n*.no -crlf\n*.both text -text\n"with space.txt" text\n'
			)
		],
		write: [
			'a.c',
			'special.png',
			'plain.png',
			'x.old',
			'x.in',
			'x.no',
			'x.both',
			'with space.txt'
		].map((path) => file(path, MIXED))
	},
	{
		name: 'a .gitattributes deleted from the working tree is read from the index',
		base: [file('.gitattributes', '*.txt text\n'), file('a.txt', 'a\n')],
		write: [file('a.txt', CRLF_TEXT), file('b.txt', CRLF_TEXT)],
		remove: ['.gitattributes'],
		addSeesIndexAttributes: false
	},
	{
		name: 'no attributes: nothing converted',
		base: [file('a.txt', 'a\n')],
		write: [file('a.txt', CRLF_TEXT), file('b.txt', CRLF_TEXT)]
	}
];

const ATTRS = ['text', 'eol', 'crlf', 'diff', 'merge'];

describe.each(CASES)('$name', (testCase) => {
	const dir = tempDir('patchbay-attrs-');
	afterAll(() => removeDir(dir));
	const setup = () => {
		git(dir, ['init', '-q', '-b', 'main']);
		// Committed byte for byte (no conversion), as a repository can hold files committed before
		// its attributes; then checked out as a clone does, stat data in the index.
		writeTree(dir, testCase.base);
		for (const { path } of testCase.base) {
			const oid = git(dir, ['hash-object', '-w', '--no-filters', '--', path]).trim();
			git(dir, ['update-index', '--add', '--cacheinfo', `100644,${oid},${path}`]);
		}
		git(dir, ['commit', '-q', '-m', 'base', '--no-verify']);
		git(dir, ['checkout-index', '-a', '-f', '-u']);
		for (const path of testCase.remove ?? []) rmSync(join(dir, path));
		writeTree(dir, testCase.write);
		// As in a clone: the index's stat data says which files were touched since the commit
		// (only those are hashed, converted); dated ahead so no untouched file counts as racy.
		const later = new Date(Date.now() + 60_000);
		utimesSync(join(dir, '.git/index'), later, later);
	};
	setup();
	const paths = readTree(dir).map((f) => f.path);

	it('matches every path as git check-attr does', async () => {
		const real = git(dir, ['check-attr', ...ATTRS, '--', ...paths]);
		const baseline = baselineOf(dir);
		const tracked = new Map(baseline.entries.map((entry) => [entry.path, entry]));
		const reader = readerFromFiles(readTree(dir));
		const matcher = await loadAttributes(await reader.list(), reader.read, tracked, blobOf(dir));
		const ours = paths
			.flatMap((path) => {
				const found = matcher?.attributesOf(path) ?? new Map();
				return ATTRS.map((name) => `${path}: ${name}: ${shown(found.get(name))}\n`);
			})
			.join('');
		expect(ours).toBe(real);
	});

	it('finds the tracked files git diff finds changed', async () => {
		const changes = await detectChanges(
			baselineOf(dir),
			readerFromFiles(readTree(dir)),
			blobOf(dir)
		);
		const tracked = changes.filter(
			(change) => change.before !== null && change.oldPath === undefined
		);
		const real = git(dir, ['diff', '--name-only', '--no-renames']);
		expect(tracked.map((change) => `${change.path}\n`).join('')).toBe(real);
	});

	it.skipIf(testCase.addSeesIndexAttributes === false)(
		'hashes every file as git add -A stores it',
		async () => {
			const baseline = baselineOf(dir);
			const changes = await detectChanges(baseline, readerFromFiles(readTree(dir)), blobOf(dir));
			const ours = new Map(baseline.entries.map((entry) => [entry.path, entry.oid]));
			for (const change of changes) {
				if (change.oldPath !== undefined) ours.delete(change.oldPath);
				if (change.after === null) ours.delete(change.path);
				else ours.set(change.path, change.afterOid!);
			}
			const index = `${dir}/.git/index`;
			copyFileSync(index, `${index}.saved`);
			git(dir, ['add', '-A']);
			const real = git(dir, ['ls-files', '-s'])
				.split('\n')
				.filter(Boolean)
				.map((line) => `${line.split(' ')[1]} ${line.split('\t')[1]}`);
			renameSync(`${index}.saved`, index);
			expect([...ours].map(([path, oid]) => `${oid} ${path}`).sort()).toEqual(real.sort());
		}
	);
});

function shown(value: AttrValue | undefined): string {
	if (value === undefined) return 'unspecified';
	if (value === true) return 'set';
	if (value === false) return 'unset';
	return String(value);
}

function blobOf(dir: string) {
	return async (oid: string) =>
		new Uint8Array(spawnSync('git', ['cat-file', 'blob', oid], { cwd: dir }).stdout);
}

function baselineOf(dir: string): Baseline {
	const entries = git(dir, ['ls-tree', '-r', 'HEAD'])
		.trim()
		.split('\n')
		.filter(Boolean)
		.map((row) => {
			const [meta, path] = row.split('\t');
			const [mode, , oid] = meta!.split(' ');
			return { path: path!, mode: mode as '100644', oid: oid! };
		});
	return { entries };
}

describe('foldersAbove', () => {
	it('lists the folders deepest first, the root last', () => {
		expect(foldersAbove('a/b/c.txt')).toEqual(['a/b', 'a', '']);
		expect(foldersAbove('c.txt')).toEqual(['']);
	});
});

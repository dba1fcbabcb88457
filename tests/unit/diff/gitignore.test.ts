import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
	createIgnoreMatcher,
	parseGitignore,
	type SandboxFile
} from '../../../src/lib/core/diff/index.ts';
import { loadIgnores } from '../../../src/lib/core/diff/load-ignores.ts';
import { git, removeDir, tempDir, writeTree } from './git-repo.ts';

const encoder = new TextEncoder();
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function matcherFor(rules: string) {
	const matcher = createIgnoreMatcher({ alwaysIgnoredDirs: ['node_modules'], fallback: [] });
	matcher.addLevel('', parseGitignore(rules));
	return matcher;
}

describe('gitignore rules', () => {
	it('follow git for negation, directories, anchoring, ** and escapes', () => {
		const matcher = matcherFor(
			[
				'# a comment',
				'*.log',
				'!keep.log',
				'build/',
				'/root-only',
				'docs/**/draft.md',
				'**/cache',
				'out/**',
				'\\#literal',
				'trailing\\ ',
				'spaces   ',
				'[ab]?.c',
				'locked/',
				'!locked/free.txt',
				'gen/*',
				'!gen/keep'
			].join('\r\n')
		);
		const paths = [
			'x.log',
			'deep/er/x.log',
			'keep.log',
			'build/a.js',
			'src/build/b.js',
			'build',
			'root-only',
			'src/root-only',
			'docs/draft.md',
			'docs/a/b/draft.md',
			'src/cache/c',
			'out/x/y',
			'out',
			'#literal',
			'trailing ',
			'spaces',
			'a1.c',
			'c1.c',
			'ab1.c',
			'locked/free.txt',
			'gen/x',
			'gen/keep',
			'node_modules/pkg/index.js',
			'src/node_modules/x.js',
			'.git/HEAD'
		];
		expect(paths.filter((path) => matcher.isIgnored(path))).toEqual([
			'x.log',
			'deep/er/x.log',
			'build/a.js',
			'src/build/b.js',
			'root-only',
			'docs/draft.md',
			'docs/a/b/draft.md',
			'src/cache/c',
			'out/x/y',
			'#literal',
			'trailing ',
			'spaces',
			'a1.c',
			'locked/free.txt',
			'gen/x',
			'node_modules/pkg/index.js',
			'src/node_modules/x.js',
			'.git/HEAD'
		]);
	});

	it('agree with `git ls-files --others --exclude-standard` on random trees', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(treeArb, { minLength: 1, maxLength: 10 }), async (trees) => {
				const dir = tempDir();
				dirs.push(dir);
				git(dir, ['init', '-q']);
				const files = trees.flatMap((tree, i) =>
					tree.map((file) => ({ ...file, path: `r${i}/${file.path}` }))
				);
				writeTree(dir, files);
				const listed = git(dir, ['ls-files', '-z', '--others', '--exclude-standard']);
				const fromGit = listed.split('\0').filter(Boolean).sort();
				const matcher = await loadIgnores(files, async (path) => byPath(files, path), {
					dependencyDirs: [],
					excludeText: ''
				});
				const ours = files.map((file) => file.path).filter((path) => !matcher.isIgnored(path));
				expect(ours.sort()).toEqual(fromGit);
				removeDir(dir);
			}),
			{ numRuns: 15 }
		);
	});
});

function byPath(files: SandboxFile[], path: string): Uint8Array {
	return files.find((file) => file.path === path)!.bytes;
}

const patternPool = [
	'*.log',
	'!keep.log',
	'build/',
	'/build',
	'build',
	'a/**/z',
	'**/tmp',
	'tmp/**',
	'doc/*.txt',
	'!doc/keep.txt',
	'[ab]*.c',
	'[!a]*.c',
	'?.md',
	'dir',
	'!dir/sub',
	'dir/*',
	'!dir/x',
	'!*/',
	'*',
	'*.gen',
	'!important.gen',
	'x/**/',
	'**/y.txt',
	'sub/',
	'!sub/',
	'/*.c',
	'\\#hash',
	'# comment',
	'z  ',
	'a/b'
];
const segments = ['a', 'b', 'build', 'tmp', 'doc', 'dir', 'sub', 'x', 'z'];
const names = ['keep.log', 'x.log', 'a.c', 'b.c', 'c.c', 'r.md', 'rr.md', '#hash', 'file.gen'];
const moreNames = ['important.gen', 'keep.txt', 'y.txt', 'z', 'x', 'build', 'tmp'];

const treeArb = fc
	.record({
		files: fc.uniqueArray(
			fc.tuple(
				fc.array(fc.constantFrom(...segments), { maxLength: 3 }),
				fc.constantFrom(...names, ...moreNames)
			),
			{ selector: ([dirs, name]) => [...dirs, name].join('/'), minLength: 1, maxLength: 25 }
		),
		ignores: fc.array(
			fc.tuple(
				fc.array(fc.constantFrom(...segments), { maxLength: 2 }),
				fc.array(fc.constantFrom(...patternPool), { minLength: 1, maxLength: 6 })
			),
			{ minLength: 1, maxLength: 4 }
		)
	})
	.map(({ files, ignores }) => {
		const tree = new Map<string, SandboxFile>();
		const add = (path: string, text: string) =>
			tree.set(path, { path, mode: '100644', bytes: encoder.encode(text) });
		for (const [dirs, name] of files) add([...dirs, name].join('/'), 'x\n');
		for (const [dirs, rules] of ignores) add([...dirs, '.gitignore'].join('/'), rules.join('\n'));
		// A path that is also another path's directory cannot exist; keep the directory.
		const parents = new Set(
			[...tree.keys()].flatMap((p) =>
				p
					.split('/')
					.slice(0, -1)
					.map((_, i, all) => all.slice(0, i + 1).join('/'))
			)
		);
		return [...tree.values()].filter((file) => !parents.has(file.path));
	});

import { describe, expect, it } from 'vitest';
import {
	blobOidSync,
	detectChanges,
	readerFromFiles,
	type Baseline,
	type FileChange,
	type FileMode,
	type SandboxFile,
	type SandboxReader
} from '../../../src/lib/core/diff/index.ts';

const encoder = new TextEncoder();
const file = (
	path: string,
	content: string | Uint8Array,
	mode: FileMode = '100644'
): SandboxFile => ({
	path,
	mode,
	bytes: typeof content === 'string' ? encoder.encode(content) : content
});

const gitignore = ['dist/', '*.log', '!keep.log', '/build', '**/tmp/**', ''].join('\n');
const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13);
const latin1 = Uint8Array.of(0x63, 0x61, 0x66, 0xe9, 0x0a); // "café" in Latin-1: not UTF-8

const baseFiles: SandboxFile[] = [
	file('.gitignore', gitignore),
	file('src/edit.ts', 'export const a = 1;\n'),
	file('src/gone.ts', 'bye\n'),
	file('src/same.ts', 'same\n'),
	file('bin/run', '#!/bin/sh\n'),
	file('link', 'src/same.ts', '120000'),
	file('becomes-link', 'plain\n'),
	file('old/name.txt', 'moved content\n'),
	file('assets/logo.png', png),
	file('dist/tracked.js', 'v1\n'),
	file('config.log', 'tracked log v1\n'),
	file('empty-gone', ''),
	file('vendor/node_modules/lib.js', 'vendored v1\n')
];

const sandboxFiles: SandboxFile[] = [
	file('.gitignore', gitignore),
	file('src/edit.ts', 'export const a = 2;\n'),
	file('src/same.ts', 'same\n'),
	file('src/new.ts', 'new\n'),
	file('bin/run', '#!/bin/sh\n', '100755'),
	file('link', 'src/new.ts', '120000'),
	file('becomes-link', 'src/same.ts', '120000'),
	file('new/name.txt', 'moved content\n'),
	file('assets/logo.png', Uint8Array.of(...png, 1)),
	file('latin1.txt', latin1),
	file('dist/tracked.js', 'v2\n'),
	file('dist/untracked.js', 'ignored\n'),
	file('config.log', 'tracked log v2\n'),
	file('debug.log', 'ignored\n'),
	file('keep.log', 'negated, so kept\n'),
	file('build/out.o', 'ignored\n'),
	file('sub/build/out.o', 'anchored rule does not reach here\n'),
	file('a/tmp/b/c.txt', 'ignored\n'),
	file('sub/.gitignore', '*.gen\n!important.gen\n'),
	file('sub/x.gen', 'ignored\n'),
	file('sub/important.gen', 'kept\n'),
	file('x.gen', 'nested rule does not reach here\n'),
	file('empty-new', ''),
	file('node_modules/pkg/index.js', 'dependency\n'),
	file('packages/p/node_modules/dep/index.js', 'dependency\n'),
	file('vendor/node_modules/lib.js', 'vendored v2\n'),
	file('vendor/node_modules/extra.js', 'untracked dependency\n'),
	file('.git/HEAD', 'ref: refs/heads/main\n')
];

function baselineOf(files: SandboxFile[]): { baseline: Baseline; blobs: Map<string, Uint8Array> } {
	const blobs = new Map(files.map((f) => [blobOidSync(f.bytes), f.bytes]));
	const entries = files.map(({ path, mode, bytes }) => ({ path, mode, oid: blobOidSync(bytes) }));
	return { baseline: { entries }, blobs };
}

/** The expected change with the ids and binary flag detection fills in. */
function change(
	path: string,
	before: SandboxFile | null,
	after: SandboxFile | null,
	extra: Partial<FileChange> = {}
): FileChange {
	return {
		path,
		before: before?.bytes ?? null,
		after: after?.bytes ?? null,
		...(before ? { beforeMode: before.mode, beforeOid: blobOidSync(before.bytes) } : {}),
		...(after ? { afterMode: after.mode, afterOid: blobOidSync(after.bytes) } : {}),
		binary: false,
		...extra
	};
}

const base = (path: string) => baseFiles.find((f) => f.path === path)!;
const now = (path: string) => sandboxFiles.find((f) => f.path === path)!;
const both = (path: string, extra?: Partial<FileChange>) =>
	change(path, base(path), now(path), extra);

describe('detectChanges', () => {
	it('finds adds, deletes, edits, mode and type changes, renames; skips ignored files', async () => {
		const { baseline, blobs } = baselineOf(baseFiles);
		const changes = await detectChanges(baseline, readerFromFiles(sandboxFiles), async (oid) =>
			blobs.get(oid)!
		);
		expect(changes).toEqual([
			both('assets/logo.png', { binary: true }),
			both('becomes-link'),
			both('bin/run'),
			both('config.log'),
			both('dist/tracked.js'),
			// git pairs an empty file too (diff.c sets rename_empty): an exact rename.
			change('empty-new', base('empty-gone'), now('empty-new'), {
				oldPath: 'empty-gone',
				similarity: 100
			}),
			change('keep.log', null, now('keep.log')),
			change('latin1.txt', null, now('latin1.txt'), { binary: true }),
			both('link'),
			change('new/name.txt', base('old/name.txt'), now('new/name.txt'), {
				oldPath: 'old/name.txt',
				similarity: 100
			}),
			change('src/edit.ts', base('src/edit.ts'), now('src/edit.ts')),
			change('src/gone.ts', base('src/gone.ts'), null),
			change('src/new.ts', null, now('src/new.ts')),
			change('sub/.gitignore', null, now('sub/.gitignore')),
			change('sub/build/out.o', null, now('sub/build/out.o')),
			change('sub/important.gen', null, now('sub/important.gen')),
			both('vendor/node_modules/lib.js'),
			change('x.gen', null, now('x.gen'))
		]);
	});

	it('lets the listing skip dependency folders and reads only files it cannot rule out', async () => {
		const { baseline, blobs } = baselineOf(baseFiles);
		const files = readerFromFiles(sandboxFiles);
		const skipped: Record<string, boolean> = {};
		const read: string[] = [];
		const reader: SandboxReader = {
			async list(options) {
				for (const dir of [
					'node_modules',
					'packages/p/node_modules',
					'vendor/node_modules',
					'.git',
					'src'
				]) {
					skipped[dir] = options!.skipDir(dir);
				}
				// Native ids for two files, stat data for none: those two are never read.
				const entries = await files.list(options);
				return entries.map((entry) =>
					entry.path === 'src/same.ts' || entry.path === 'src/edit.ts'
						? { ...entry, oid: blobOidSync(now(entry.path).bytes) }
						: entry
				);
			},
			read(path) {
				read.push(path);
				return files.read(path);
			}
		};
		const changes = await detectChanges(baseline, reader, async (oid) => blobs.get(oid)!);
		expect(skipped).toEqual({
			node_modules: true,
			'packages/p/node_modules': true,
			'vendor/node_modules': false,
			'.git': true,
			src: false
		});
		// Ignored files are never read; src/same.ts has a matching native id; the rest must be.
		expect([...new Set(read)].sort()).toEqual([
			'.gitignore',
			'assets/logo.png',
			'becomes-link',
			'bin/run',
			'config.log',
			'dist/tracked.js',
			'empty-new',
			'keep.log',
			'latin1.txt',
			'link',
			'new/name.txt',
			'src/edit.ts',
			'src/new.ts',
			'sub/.gitignore',
			'sub/build/out.o',
			'sub/important.gen',
			'vendor/node_modules/lib.js',
			'x.gen'
		]);
		expect(changes.length).toBe(18);
	});

	it('trusts matching size and mtime like git’s index, and pairs a moved empty file', async () => {
		const entries = [
			{
				path: 'a.txt',
				mode: '100644' as const,
				oid: blobOidSync(encoder.encode('a\n')),
				size: 2,
				mtimeMs: 5
			},
			{ path: 'empty', mode: '100644' as const, oid: blobOidSync(new Uint8Array()) }
		];
		const reader: SandboxReader = {
			list: async () => [
				{ path: 'a.txt', mode: '100644', size: 2, mtimeMs: 5 },
				{ path: 'moved-empty', mode: '100644', size: 0 }
			],
			read: async (path) => {
				if (path === 'a.txt') throw new Error('a.txt must not be read');
				return new Uint8Array();
			}
		};
		const changes = await detectChanges({ entries }, reader, async () => new Uint8Array());
		expect(changes).toEqual([
			change('moved-empty', file('empty', ''), file('moved-empty', ''), {
				oldPath: 'empty',
				similarity: 100
			})
		]);
	});
});

describe('detectChanges on a 10,000-file tree', () => {
	const files = Array.from({ length: 10_000 }, (_, i) =>
		file(
			`pkg${i % 40}/dir${i % 7}/file${i}.ts`,
			`// file ${i}\n${'export const value = 1;\n'.repeat(20 + (i % 200))}`
		)
	);
	const touched = (i: number) => i % 1000 === 0;
	const edited = files.map((f, i) =>
		touched(i)
			? { ...f, bytes: encoder.encode(`${new TextDecoder().decode(f.bytes)}// edit\n`) }
			: f
	);
	const expected = edited
		.filter((_, i) => touched(i))
		.map((f) => f.path)
		.sort();
	const megabytes = (files.reduce((total, f) => total + f.bytes.length, 0) / 1e6).toFixed(1);

	async function timed(label: string, run: () => Promise<FileChange[]>): Promise<FileChange[]> {
		const started = performance.now();
		const changes = await run();
		const elapsed = (performance.now() - started).toFixed(0);
		console.log(
			`detectChanges, 10,000 files (${megabytes} MB), 10 changed, ${label}: ${elapsed} ms`
		);
		return changes;
	}

	it('finds exactly the 10 changes by hashing every file', async () => {
		const { baseline, blobs } = baselineOf(files);
		const changes = await timed('hashing all', () =>
			detectChanges(baseline, readerFromFiles(edited), async (oid) => blobs.get(oid)!)
		);
		expect(changes.map((c) => c.path)).toEqual(expected);
	});

	it('finds exactly the 10 changes from stat data, reading only those', async () => {
		const { baseline, blobs } = baselineOf(files);
		const entries = baseline.entries.map((entry, i) => ({
			...entry,
			size: files[i]!.bytes.length,
			mtimeMs: 1000
		}));
		const inner = readerFromFiles(edited);
		const read: string[] = [];
		const reader: SandboxReader = {
			list: async () =>
				edited.map((f, i) => ({
					path: f.path,
					mode: f.mode,
					size: f.bytes.length,
					mtimeMs: touched(i) ? 2000 : 1000
				})),
			read: (path) => {
				read.push(path);
				return inner.read(path);
			}
		};
		const changes = await timed('stat data', () =>
			detectChanges({ entries }, reader, async (oid) => blobs.get(oid)!)
		);
		expect(changes.map((c) => c.path)).toEqual(expected);
		expect(read.sort()).toEqual(expected);
	});
});

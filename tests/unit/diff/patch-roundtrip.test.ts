import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
	blobOidSync,
	detectChanges,
	formatPatch,
	readerFromFiles,
	type FileChange,
	type SandboxFile
} from '../../../src/lib/core/diff/index.ts';
import { commitTree, git, readTree, removeDir } from './git-repo.ts';
import { buildTrees, planArb, type Plan } from './tree-arbitrary.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

/** Bytes as latin1 text, so a failing comparison shows something readable. */
const view = (files: SandboxFile[]) =>
	files
		.map(({ path, mode, bytes }) => ({
			path,
			mode,
			text: Buffer.from(bytes).toString('latin1')
		}))
		.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

async function changesBetween(before: SandboxFile[], after: SandboxFile[]): Promise<FileChange[]> {
	const blobs = new Map(before.map((file) => [blobOidSync(file.bytes), file.bytes]));
	const baseline = {
		entries: before.map(({ path, mode, bytes }) => ({ path, mode, oid: blobOidSync(bytes) }))
	};
	return detectChanges(baseline, readerFromFiles(after), async (oid) => blobs.get(oid)!);
}

/** Only the stable fields: formatPatch must then compute ids and binary-ness itself. */
const bare = (changes: FileChange[]): FileChange[] =>
	changes.map(({ path, before, after, beforeMode, afterMode, oldPath }) => ({
		path,
		before,
		after,
		beforeMode,
		afterMode,
		...(oldPath === undefined ? {} : { oldPath })
	}));

/** Several plans side by side, each in its own folder, so one repository serves them all. */
function combine(plans: Plan[]): { before: SandboxFile[]; after: SandboxFile[] } {
	const trees = plans.map(buildTrees);
	const inFolder = (files: SandboxFile[], i: number) =>
		files.map((file) => ({ ...file, path: `run${i}/${file.path}` }));
	return {
		before: trees.flatMap((tree, i) => inFolder(tree.before, i)),
		after: trees.flatMap((tree, i) => inFolder(tree.after, i))
	};
}

/** True when a path that is a folder on one side is a symlink on the other. */
function folderBecomesLink(before: SandboxFile[], after: SandboxFile[]): boolean {
	const folders = (files: SandboxFile[]) =>
		new Set(
			files.flatMap((f) =>
				f.path
					.split('/')
					.slice(0, -1)
					.map((_, i, parts) => parts.slice(0, i + 1).join('/'))
			)
		);
	const [beforeDirs, afterDirs] = [folders(before), folders(after)];
	const link = (f: SandboxFile) => f.mode === '120000';
	return (
		after.some((f) => link(f) && beforeDirs.has(f.path)) ||
		before.some((f) => link(f) && afterDirs.has(f.path))
	);
}

describe('formatPatch → git apply', () => {
	it('turns the original tree into the edited one, and back with -R', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(planArb, { minLength: 1, maxLength: 12 }),
				fc.boolean(),
				async (plans, stripped) => {
					const { before, after } = combine(plans);
					const detected = await changesBetween(before, after);
					const patch = formatPatch(stripped ? bare(detected) : detected);
					if (detected.length === 0) {
						// Edits that cancel out: nothing to apply, and nothing may be written.
						expect([patch, view(after)]).toEqual(['', view(before)]);
						return;
					}
					// git apply refuses any patch that turns a folder into a symlink of the same name, or
					// back ("affected file is beyond a symbolic link"), its own diffs included.
					if (folderBecomesLink(before, after)) return;
					const dir = commitTree(before);
					dirs.push(dir);
					writeFileSync(join(dir, '.git', 'p.patch'), patch);
					const apply = (...flags: string[]) =>
						git(dir, ['apply', '--whitespace=nowarn', ...flags, '.git/p.patch']);
					apply('--check');
					apply('--index');
					expect(view(readTree(dir))).toEqual(view(after));
					apply('-R', '--index');
					expect(view(readTree(dir))).toEqual(view(before));
					apply('--3way');
					expect(view(readTree(dir))).toEqual(view(after));
					removeDir(dir);
				}
			),
			{ numRuns: 12, seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined }
		);
	});
});

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
			{ numRuns: 12 }
		);
	});
});

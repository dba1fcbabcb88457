// Builds the bench's fixture repos once per seed and size with `git fast-import`, and keeps them
// (and a checked-out clone for the native change-detection reference) under bench/.cache.
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBareRepo, runGit, type FileTree } from '../tests/fixtures/bare-repo.ts';
import { generateTree, treeBytes, type TreeSize } from './fixture-tree.ts';

export const cacheDir = fileURLToPath(new URL('./.cache/', import.meta.url));
export const OWNER = 'acme';

export type FixtureRepo = {
	size: TreeSize;
	name: string;
	/** The root the git and GitHub peers serve: `<root>/acme/<name>.git`. */
	root: string;
	bareDir: string;
	files: number;
	bytes: number;
};

export const repoName = (size: TreeSize) => `bench-${size}`;
export const reposRoot = (seed: number) => join(cacheDir, `repos-${seed}`);

/** The bare repo for `size`, built unless the cache already holds it. */
export async function fixtureRepo(size: TreeSize, seed: number): Promise<FixtureRepo> {
	const root = reposRoot(seed);
	const name = repoName(size);
	const bareDir = join(root, OWNER, `${name}.git`);
	const done = join(bareDir, 'bench-complete.json');
	const tree = generateTree(size, seed);
	const summary = { files: tree.length, bytes: treeBytes(tree) };
	if (!existsSync(done)) {
		const files: FileTree = Object.fromEntries(tree.map((f) => [f.path, f.bytes]));
		await createBareRepo(bareDir, [{ message: `bench ${size} (seed ${seed})`, files }]);
		await writeFile(done, JSON.stringify(summary));
	}
	return { size, name, root, bareDir, ...summary };
}

/** A normal clone of the fixture with a work tree, for `git status` and `git diff`. */
export async function fixtureWorktree(repo: FixtureRepo, seed: number): Promise<string> {
	const dir = join(cacheDir, `work-${seed}`, repo.name);
	if (!existsSync(join(dir, '.git', 'bench-complete'))) {
		await rm(dir, { recursive: true, force: true });
		await mkdir(join(cacheDir, `work-${seed}`), { recursive: true });
		await runGit(['clone', '--quiet', repo.bareDir, dir]);
		await writeFile(join(dir, '.git', 'bench-complete'), '');
	}
	return dir;
}

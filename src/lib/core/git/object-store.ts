// The local object store: a bare isomorphic-git repository on an injected file system
// (lightning-fs in the browser, node:fs in tests). No worktree is ever checked out into it.
import * as git from 'isomorphic-git';
import type { PromiseFsClient } from 'isomorphic-git';
import type { Baseline } from './baseline.ts';

export type ObjectStore = { fs: PromiseFsClient; gitdir: string; cache: object };

export async function openObjectStore(fs: PromiseFsClient, gitdir: string): Promise<ObjectStore> {
	const store = { fs, gitdir, cache: {} };
	try {
		await fs.promises.stat(`${gitdir}/HEAD`);
	} catch {
		await git.init({ fs, gitdir, bare: true, defaultBranch: 'main' });
	}
	return store;
}

export async function hasObject(store: ObjectStore, oid: string): Promise<boolean> {
	try {
		await git.readObject({ ...store, oid, format: 'deflated' });
		return true;
	} catch {
		return false;
	}
}

/** Writes a blob and returns its oid (which the caller compares with the one it expected). */
export function writeBlob(store: ObjectStore, bytes: Uint8Array): Promise<string> {
	return git.writeBlob({ fs: store.fs, gitdir: store.gitdir, blob: bytes });
}

export async function readBlob(store: ObjectStore, oid: string): Promise<Uint8Array> {
	const { blob } = await git.readBlob({ ...store, oid });
	return blob;
}

const baselinePath = (store: ObjectStore, commit: string) =>
	`${store.gitdir}/patchbay/baseline-${commit}.json`;

/** Creates the folder Patchbay keeps its own files in (baselines, branch heads), if missing. */
export async function ensurePatchbayDir(store: ObjectStore): Promise<void> {
	try {
		await store.fs.promises.mkdir(`${store.gitdir}/patchbay`);
	} catch {
		// exists
	}
}

export async function saveBaseline(store: ObjectStore, baseline: Baseline): Promise<void> {
	await ensurePatchbayDir(store);
	await store.fs.promises.writeFile(
		baselinePath(store, baseline.commit),
		JSON.stringify(baseline),
		'utf8'
	);
}

export async function loadBaseline(store: ObjectStore, commit: string): Promise<Baseline | null> {
	try {
		const text = (await store.fs.promises.readFile(baselinePath(store, commit), 'utf8')) as string;
		return JSON.parse(text) as Baseline;
	} catch {
		return null;
	}
}

/** Git orders tree entries by name, with a folder compared as if its name ended in '/'. */
function treeOrder(a: { path: string; mode: string }, b: { path: string; mode: string }): number {
	const key = (e: { path: string; mode: string }) => (e.mode === '040000' ? `${e.path}/` : e.path);
	const ka = key(a);
	const kb = key(b);
	return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Writes the tree objects for `entries` (files and submodule links), bottom-up; returns the root oid. */
export async function writeTrees(
	store: ObjectStore,
	entries: { path: string; mode: string; oid: string }[]
): Promise<string> {
	type Dir = { files: git.TreeEntry[]; dirs: Map<string, Dir> };
	const root: Dir = { files: [], dirs: new Map() };
	for (const entry of entries) {
		const parts = entry.path.split('/');
		const name = parts.pop()!;
		let dir = root;
		for (const part of parts) {
			let child = dir.dirs.get(part);
			if (!child) dir.dirs.set(part, (child = { files: [], dirs: new Map() }));
			dir = child;
		}
		const type = entry.mode === '160000' ? 'commit' : 'blob';
		dir.files.push({ mode: entry.mode, path: name, oid: entry.oid, type });
	}
	async function write(dir: Dir): Promise<string> {
		const tree: git.TreeEntry[] = [...dir.files];
		for (const [name, child] of dir.dirs)
			tree.push({ mode: '040000', path: name, oid: await write(child), type: 'tree' });
		tree.sort(treeOrder);
		return git.writeTree({ fs: store.fs, gitdir: store.gitdir, tree });
	}
	return write(root);
}

// The local object store: a bare isomorphic-git repository on an injected file system
// (lightning-fs in the browser, node:fs in tests). No worktree is ever checked out into it.
import * as git from 'isomorphic-git';
import type { PromiseFsClient } from 'isomorphic-git';
import type { Baseline } from './baseline.ts';
import { commitInfoFromObject, type CommitInfo } from './commit-info.ts';
import { createSha1 } from '../diff/sha1.ts';
import { hex, writeHex } from './hex.ts';

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
	let baseline: Baseline;
	try {
		const text = (await store.fs.promises.readFile(baselinePath(store, commit), 'utf8')) as string;
		baseline = JSON.parse(text) as Baseline;
	} catch {
		return null;
	}
	if (baseline.commitInfo) return baseline;
	// Saved before baselines kept their commit's info: read it from the commit object where the
	// store has it (a smart-HTTP fetch's pack does). A REST checkout stores no commit object, so
	// its baseline stays without until its forge's branch answer supplies the info
	// (withCommitInfo); offline, git log then prints no commit info for it.
	try {
		const { object } = await git.readObject({ ...store, oid: commit, format: 'content' });
		const info = commitInfoFromObject(new TextDecoder().decode(object as Uint8Array));
		return info ? { ...baseline, commitInfo: info } : baseline;
	} catch {
		return baseline;
	}
}

/**
 * A saved baseline given the info its forge's branch answer carried, where it was saved without
 * (before baselines kept it); saved again, so a later checkout (offline too) has it.
 */
export async function withCommitInfo(
	store: ObjectStore,
	baseline: Baseline,
	info: () => CommitInfo | undefined
): Promise<Baseline> {
	if (baseline.commitInfo) return baseline;
	const commitInfo = info();
	if (!commitInfo) return baseline;
	const completed = { ...baseline, commitInfo };
	await saveBaseline(store, completed);
	return completed;
}

/** Git orders tree entries by name, with a folder compared as if its name ended in '/'. */
function treeOrder(a: { name: string; tree: boolean }, b: { name: string; tree: boolean }): number {
	const ka = a.tree ? `${a.name}/` : a.name;
	const kb = b.tree ? `${b.name}/` : b.name;
	return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** A tree object: its id and its content (without the "tree <size>\0" header). */
export type TreeObject = { oid: string; bytes: Uint8Array };

/**
 * The tree objects for `entries` (files and submodule links), computed in memory, bottom-up:
 * the root's id and every tree, for the caller to compare and then store (into a pack).
 */
export function buildTrees(entries: { path: string; mode: string; oid: string }[]): {
	root: string;
	trees: TreeObject[];
} {
	type Dir = { files: { name: string; mode: string; oid: string }[]; dirs: Map<string, Dir> };
	const top: Dir = { files: [], dirs: new Map() };
	for (const entry of entries) {
		const parts = entry.path.split('/');
		const name = parts.pop()!;
		let dir = top;
		for (const part of parts) {
			let child = dir.dirs.get(part);
			if (!child) dir.dirs.set(part, (child = { files: [], dirs: new Map() }));
			dir = child;
		}
		dir.files.push({ name, mode: entry.mode, oid: entry.oid });
	}
	const trees: TreeObject[] = [];
	function build(dir: Dir): string {
		const items: { name: string; mode: string; oid: string; tree: boolean }[] = dir.files.map(
			(f) => ({ ...f, tree: false })
		);
		for (const [name, child] of dir.dirs)
			items.push({ name, mode: '40000', oid: build(child), tree: true });
		items.sort(treeOrder);
		const parts = items.map((item) => encoder.encode(`${normalMode(item.mode)} ${item.name}\0`));
		let size = 0;
		for (const part of parts) size += part.length + 20;
		const bytes = new Uint8Array(size);
		let at = 0;
		items.forEach((item, i) => {
			bytes.set(parts[i]!, at);
			at += parts[i]!.length;
			writeHex(item.oid, bytes, at);
			at += 20;
		});
		const oid = createSha1()
			.update(encoder.encode(`tree ${size}\0`))
			.update(bytes)
			.digestHex();
		trees.push({ oid, bytes });
		return oid;
	}
	return { root: build(top), trees };
}

/** As git writes a mode into a tree: no leading zero ("40000", "100644"). */
function normalMode(mode: string): string {
	return mode.replace(/^0+/, '');
}

const encoder = new TextEncoder();

/**
 * Every object id in the store, listed once: the names in each pack index plus the loose
 * objects' folders. A few file reads instead of a lookup per object (an empty store: two).
 */
export async function listObjects(store: ObjectStore): Promise<Set<string>> {
	const found = new Set<string>();
	const { fs, gitdir } = store;
	const readdir = async (path: string): Promise<string[]> => {
		try {
			return (await fs.promises.readdir(path)) as string[];
		} catch {
			return [];
		}
	};
	const objects = `${gitdir}/objects`;
	const packs = (await readdir(`${objects}/pack`)).filter((name) => name.endsWith('.idx'));
	const loose = (await readdir(objects)).filter((name) => /^[0-9a-f]{2}$/.test(name));
	await Promise.all([
		...packs.map(async (name) => {
			const idx = (await fs.promises.readFile(`${objects}/pack/${name}`)) as Uint8Array;
			for (const oid of packIndexNames(idx)) found.add(oid);
		}),
		...loose.map(async (dir) => {
			for (const rest of await readdir(`${objects}/${dir}`))
				if (/^[0-9a-f]{38}$/.test(rest)) found.add(dir + rest);
		})
	]);
	return found;
}

/** The object ids in a pack index, version 2 (what git and isomorphic-git write) or 1. */
function packIndexNames(idx: Uint8Array): string[] {
	const view = new DataView(idx.buffer, idx.byteOffset, idx.byteLength);
	const v2 = view.getUint32(0) === 0xff744f63;
	const fanout = v2 ? 8 : 0;
	const count = view.getUint32(fanout + 255 * 4);
	const names: string[] = new Array(count);
	for (let i = 0; i < count; i++) {
		const at = v2 ? fanout + 1024 + i * 20 : fanout + 1024 + i * 24 + 4;
		names[i] = hex(idx.subarray(at, at + 20));
	}
	return names;
}

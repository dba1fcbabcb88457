// The tree of an attempt, written into the local object store as edits to the baseline tree:
// only the folders on a changed path are read and rewritten, the rest are shared by oid.
import * as git from 'isomorphic-git';
import type { FileChange } from '../diff/index.ts';
import { AppError } from '../http/index.ts';
import { writeBlob, type ObjectStore } from './object-store.ts';

const MODES: ReadonlySet<string> = new Set(['100644', '100755', '120000']);

/** A path's new blob (oid and mode), or null when the path is gone. */
type Edit = { oid: string; mode: string } | null;

/** Folder → the edits below it, by the name of their next step. */
type EditTree = { files: Map<string, Edit>; dirs: Map<string, EditTree> };

const emptyEdits = (): EditTree => ({ files: new Map(), dirs: new Map() });

function place(root: EditTree, path: string, edit: Edit): void {
	const parts = path.split('/');
	const name = parts.pop()!;
	let dir = root;
	for (const part of parts) {
		let child = dir.dirs.get(part);
		if (!child) dir.dirs.set(part, (child = emptyEdits()));
		dir = child;
	}
	// A deletion never overrides new content at the same path (the old path of a swap rename).
	if (edit !== null || !dir.files.has(name)) dir.files.set(name, edit);
}

function modeOf(change: FileChange): string {
	const mode = change.afterMode ?? change.beforeMode ?? '100644';
	if (!MODES.has(mode)) {
		throw new AppError(
			'unsupported-mode',
			`${change.path} has mode ${mode}, which a push cannot write.`,
			'Only regular files, executables and symbolic links can be pushed; leave this path out.'
		);
	}
	return mode;
}

async function collectEdits(store: ObjectStore, changes: readonly FileChange[]): Promise<EditTree> {
	const root = emptyEdits();
	for (const change of changes) {
		const oldPath = change.oldPath ?? change.path;
		if (change.before !== null && (change.after === null || oldPath !== change.path)) {
			place(root, oldPath, null);
		}
		if (change.after !== null) {
			const mode = modeOf(change);
			place(root, change.path, { oid: await writeBlob(store, change.after), mode });
		}
	}
	return root;
}

/** Git orders entries by name, a folder as if its name ended in '/'. */
const sortKey = (entry: git.TreeEntry) => (entry.type === 'tree' ? `${entry.path}/` : entry.path);

/** Writes `oid` (a tree, or null for none) with `edits` applied; null when it ends up empty. */
async function rewrite(
	store: ObjectStore,
	oid: string | null,
	edits: EditTree
): Promise<string | null> {
	const entries = new Map<string, git.TreeEntry>();
	if (oid)
		for (const entry of (await git.readTree({ ...store, oid })).tree)
			entries.set(entry.path, entry);
	for (const [name, edit] of edits.files) {
		if (edit === null) entries.delete(name);
		else entries.set(name, { path: name, mode: edit.mode, oid: edit.oid, type: 'blob' });
	}
	for (const [name, sub] of edits.dirs) {
		const existing = entries.get(name);
		const child = await rewrite(store, existing?.type === 'tree' ? existing.oid : null, sub);
		if (child === null) entries.delete(name);
		else entries.set(name, { path: name, mode: '040000', oid: child, type: 'tree' });
	}
	if (entries.size === 0) return null;
	const tree = [...entries.values()].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
	return git.writeTree({ fs: store.fs, gitdir: store.gitdir, tree });
}

/** The oid of `baseTree` with `changes` applied (an empty tree when nothing is left). */
export async function writeEditedTree(
	store: ObjectStore,
	baseTree: string,
	changes: readonly FileChange[]
): Promise<string> {
	const edits = await collectEdits(store, changes);
	const tree = await rewrite(store, baseTree, edits);
	return tree ?? git.writeTree({ fs: store.fs, gitdir: store.gitdir, tree: [] });
}

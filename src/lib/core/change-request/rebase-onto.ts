// An attempt's changes replayed onto a later head of its base branch, once for every host: the
// touched paths read at the head (all at once, each once), then the three-way `rebaseChanges`.
// A host supplies only how the head is read: its commit, its root tree and files by path
// (GitHub's REST trees and blobs, GitLab's files API, the local object store after a smart-HTTP
// fetch).
import {
	hashBlob,
	pathsToRead,
	rebaseChanges,
	type FileChange,
	type HeadFile,
	type ReadHead,
	type RebaseOutcome
} from '../diff/index.ts';

/** A later head of the base branch as a host reads it. */
export type HeadTree = {
	commit: string;
	/** Its root tree: the push's base tree. */
	tree: string;
	/** A path's file at the head; null when the head has none there. */
	read: ReadHead;
};

/**
 * `openHead` is given the baseline's bytes of every file the attempt touched, by blob id: a
 * head that still has a blob needs no download of it.
 */
export async function rebaseOnto(
	changes: readonly FileChange[],
	openHead: (known: ReadonlyMap<string, Uint8Array>) => Promise<HeadTree>
): Promise<RebaseOutcome> {
	const known = new Map<string, Uint8Array>();
	for (const change of changes) {
		if (change.before)
			known.set(change.beforeOid ?? (await hashBlob(change.before)), change.before);
	}
	const head = await openHead(known);
	const read = new Map<string, Promise<HeadFile | null>>();
	const once = (path: string) => {
		let file = read.get(path);
		if (!file) read.set(path, (file = head.read(path)));
		return file;
	};
	await Promise.all(pathsToRead(changes).map(once));
	const result = await rebaseChanges(changes, once);
	return result.ok
		? { ok: true, base: { commit: head.commit, tree: head.tree }, changes: result.changes }
		: result;
}

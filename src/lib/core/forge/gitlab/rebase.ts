// The attempt's changes replayed onto a later head of the base branch: each touched path read
// at the head through the files API, then the host-neutral `rebaseChanges`.
import {
	pathsToRead,
	rebaseChanges,
	type FileChange,
	type RebaseOutcome
} from '../../diff/index.ts';
import type { ProjectApi } from './project-api.ts';

export async function rebaseOntoGitLabHead(
	api: ProjectApi,
	head: string,
	changes: readonly FileChange[]
): Promise<RebaseOutcome> {
	const files = new Map(
		await Promise.all(
			pathsToRead(changes).map(async (path) => [path, await api.file(path, head)] as const)
		)
	);
	// The files API tells the exec bit but not a symlink: a path that was a link at the baseline
	// is taken to be one still.
	const links = new Set(
		changes.flatMap((c) => (c.beforeMode === '120000' ? [c.oldPath ?? c.path] : []))
	);
	const result = await rebaseChanges(changes, async (path) => {
		const file = files.get(path) ?? (await api.file(path, head));
		if (!file) return null;
		const mode = links.has(path) ? '120000' : file.executable ? '100755' : '100644';
		return { bytes: file.bytes, mode };
	});
	if (!result.ok) return result;
	const commit = await api.commit(head);
	return {
		ok: true,
		base: { commit: head, tree: (commit as { tree_id?: string }).tree_id ?? '' },
		changes: result.changes
	};
}

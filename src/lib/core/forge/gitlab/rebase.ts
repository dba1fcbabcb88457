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
	const modes = new Map(
		changes.flatMap((c) => [[c.path, c.afterMode ?? c.beforeMode ?? '100644'] as const])
	);
	const result = await rebaseChanges(changes, async (path) => {
		const file = files.get(path) ?? (await api.file(path, head));
		// The files API does not say a file's mode; the attempt's own is the best guess.
		return file ? { bytes: file.bytes, mode: modes.get(path) ?? '100644' } : null;
	});
	if (!result.ok) return result;
	const commit = await api.commit(head);
	return {
		ok: true,
		base: { commit: head, tree: (commit as { tree_id?: string }).tree_id ?? '' },
		changes: result.changes
	};
}

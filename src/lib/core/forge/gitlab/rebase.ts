// The attempt's changes replayed onto a later head of the base branch (change-request's
// host-neutral `rebaseOnto`): GitLab supplies the head's files, each through the files API.
import { rebaseOnto } from '../../change-request/rebase-onto.ts';
import type { FileChange, RebaseOutcome } from '../../diff/index.ts';
import type { ProjectApi } from './project-api.ts';

export function rebaseOntoGitLabHead(
	api: ProjectApi,
	head: string,
	changes: readonly FileChange[]
): Promise<RebaseOutcome> {
	// The files API tells the exec bit but not a symlink: a path that was a link at the baseline
	// is taken to be one still.
	const links = new Set(
		changes.flatMap((c) => (c.beforeMode === '120000' ? [c.oldPath ?? c.path] : []))
	);
	return rebaseOnto(changes, async () => ({
		commit: head,
		tree: (await api.commit(head)).tree_id ?? '',
		async read(path) {
			const file = await api.file(path, head);
			if (!file) return null;
			const mode = links.has(path) ? '120000' : file.executable ? '100755' : '100644';
			return { bytes: file.bytes, mode };
		}
	}));
}

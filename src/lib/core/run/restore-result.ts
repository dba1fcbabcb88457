// Rebuilding a finished attempt's sandbox (a follow-up in a page that no longer holds it): the
// environment is prepared afresh from the cached baseline, then the attempt's stored changes are
// written over it. When the branch has moved on since the attempt, the changes are first rebased
// onto the new head (per file, as a push's rebase does); a conflict stops the rebuild.
import { rebaseChanges, type FileChange, type FileMode, type HeadFile } from '../diff/index.ts';
import { AppError } from '../http/index.ts';
import type { Sandbox } from '../sandbox/index.ts';

/** What the fresh preparation gave: its sandbox, the commit it holds, and its files by path. */
export type RebuildTarget = {
	sandbox: Sandbox;
	commit: string;
	read(path: string): Promise<HeadFile | null>;
};

/** What the attempt stored: the commit it started on and what it changed there. */
export type StoredResult = { baseline: { commit: string }; changes: readonly FileChange[] };

/** Writes the stored changes into the target's sandbox; returns the note for the attempt's log. */
export async function restoreResult(stored: StoredResult, target: RebuildTarget): Promise<string> {
	const files = stored.changes.length;
	const what = `${files} file${files === 1 ? '' : 's'}`;
	if (stored.baseline.commit === target.commit) {
		await writeChanges(target.sandbox, stored.changes);
		return `Sandbox rebuilt from the stored result (${what}).`;
	}
	const rebased = await rebaseChanges(stored.changes, target.read);
	if (!rebased.ok) {
		const conflicts = rebased.conflicts.map((c) => `${c.path} (${c.reason})`).join('; ');
		throw new AppError(
			'rebuild-conflict',
			`The branch moved on since this attempt and its changes do not apply to the new head: ${conflicts}.`,
			'Start a new task on the branch, or push this attempt as it is and resolve it there.'
		);
	}
	await writeChanges(target.sandbox, rebased.changes);
	const from = stored.baseline.commit.slice(0, 7);
	return `Sandbox rebuilt from the stored result (${what}), rebased from ${from} onto ${target.commit.slice(0, 7)}: the branch moved on.`;
}

async function writeChanges(sandbox: Sandbox, changes: readonly FileChange[]) {
	for (const change of changes) {
		if (change.oldPath && change.oldPath !== change.path) await sandbox.remove(change.oldPath);
		if (change.after === null) await sandbox.remove(change.path);
		else
			await sandbox.writeFile(change.path, change.after, change.afterMode as FileMode | undefined);
	}
}

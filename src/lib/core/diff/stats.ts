import { fileDiffs } from './file-diff.ts';
import { similarityIndex } from './similarity.ts';
import type { FileChange } from './types.ts';

export type FileStatus = 'added' | 'modified' | 'deleted' | 'renamed' | 'mode';

export type FileStat = {
	path: string;
	/** Set for a rename. */
	oldPath?: string;
	/** Set for a rename: git's similarity index, in percent. */
	similarity?: number;
	status: FileStatus;
	/** Lines; 0 for binary files. */
	additions: number;
	deletions: number;
	binary: boolean;
};

/** One row per change for the review's file list, in the order given. */
export function diffStats(changes: FileChange[], options: { bytes?: boolean } = {}): FileStat[] {
	return changes.map((change) => {
		const diffs = fileDiffs(change, options.bytes);
		let additions = 0;
		let deletions = 0;
		for (const hunk of diffs.flatMap((diff) => diff.hunks)) {
			for (const line of hunk.lines) {
				if (line[0] === '+') additions++;
				else if (line[0] === '-') deletions++;
			}
		}
		const stat: FileStat = {
			path: change.path,
			status: statusOf(change, diffs.length === 1 && diffs[0]!.sameContent),
			additions,
			deletions,
			binary: diffs.some((diff) => diff.binary)
		};
		return change.oldPath !== undefined && change.oldPath !== change.path
			? { ...stat, oldPath: change.oldPath, similarity: similarityIndex(change) }
			: stat;
	});
}

function statusOf(change: FileChange, sameContent: boolean): FileStatus {
	if (change.before === null) return 'added';
	if (change.after === null) return 'deleted';
	if (change.oldPath !== undefined && change.oldPath !== change.path) return 'renamed';
	return sameContent ? 'mode' : 'modified';
}

// The one-letter status git gives a change (`--name-status`, `--diff-filter`, `status -s`).
import type { FileChange } from '../../diff/index.ts';

export type StatusLetter = 'A' | 'D' | 'M' | 'R' | 'T';

const LINK = '120000';
const GITLINK = '160000';

/** A symlink, a submodule or a file: changing between them is a type change. */
function kindOf(mode: string | undefined): string {
	return mode === LINK || mode === GITLINK ? mode : 'file';
}

export function statusLetter(change: FileChange): StatusLetter {
	if (change.before === null) return 'A';
	if (change.after === null) return 'D';
	if (change.oldPath !== undefined && change.oldPath !== change.path) return 'R';
	const before = kindOf(change.beforeMode);
	return before === kindOf(change.afterMode ?? change.beforeMode) ? 'M' : 'T';
}

// The one-letter status git gives a change (`--name-status`, `--diff-filter`, `status -s`).
import type { FileChange } from '../../diff/index.ts';

export type StatusLetter = 'A' | 'D' | 'M' | 'R' | 'T';

const LINK = '120000';

export function statusLetter(change: FileChange): StatusLetter {
	if (change.before === null) return 'A';
	if (change.after === null) return 'D';
	if (change.oldPath !== undefined && change.oldPath !== change.path) return 'R';
	const wasLink = change.beforeMode === LINK;
	const isLink = (change.afterMode ?? change.beforeMode) === LINK;
	return wasLink === isLink ? 'M' : 'T';
}

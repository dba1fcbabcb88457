// `--summary`: the lines git's diff_summary writes for what a stat does not show — created and
// deleted files with their modes, renames with their similarity, mode changes.
import { similarityIndex, type FileChange } from '../../diff/index.ts';
import { renameName } from './diffstat.ts';
import { quoteC } from './quote.ts';

const REGULAR = '100644';

export function summaryText(changes: FileChange[]): string {
	return changes.map(summaryOf).join('');
}

function summaryOf(change: FileChange): string {
	const oldMode = change.beforeMode ?? REGULAR;
	const newMode = change.afterMode ?? change.beforeMode ?? REGULAR;
	if (change.before === null) return ` create mode ${newMode} ${quoteC(change.path)}\n`;
	if (change.after === null) return ` delete mode ${oldMode} ${quoteC(change.path)}\n`;
	const modeChange = oldMode !== newMode ? ` mode change ${oldMode} => ${newMode}` : '';
	if (change.oldPath !== undefined && change.oldPath !== change.path) {
		const rename = ` rename ${renameName(change.oldPath, change.path)} (${similarityIndex(change)}%)\n`;
		return rename + (modeChange ? `${modeChange}\n` : '');
	}
	return modeChange ? `${modeChange} ${quoteC(change.path)}\n` : '';
}

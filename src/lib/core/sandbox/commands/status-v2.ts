// `git status --porcelain=v2`: one "1" line per changed tracked file (nothing is staged, so X
// is always '.'), "?" lines for untracked files, and with `-b` the branch headers. As git does,
// paths are relative to the working directory unless `-z`, which prints them from the root.
import type { Entry, Report } from './git-status.ts';
import { quoteC } from './quote.ts';
import { relativeTo } from './repo-paths.ts';
import type { GitContext } from './types.ts';

const REGULAR = '100644';
const ABSENT = '000000';

export function porcelainV2(
	ctx: GitContext,
	report: Report,
	options: { nul: boolean; branch: boolean }
): string {
	const end = options.nul ? '\0' : '\n';
	const show = (path: string) => (options.nul ? path : quoteC(relativeTo(path, ctx.prefix)));
	const { baseline } = ctx.repo;
	const lines: string[] = [];
	if (options.branch) {
		lines.push(
			`# branch.oid ${baseline.commit}`,
			`# branch.head ${baseline.branch || '(detached)'}`
		);
	}
	for (const entry of report.changed) lines.push(changedLine(entry, show));
	for (const path of report.untracked) lines.push(`? ${show(path)}`);
	return lines.map((line) => line + end).join('');
}

function changedLine(entry: Entry, show: (path: string) => string): string {
	const { change } = entry;
	const head = change.beforeMode ?? REGULAR;
	const work = change.after === null ? ABSENT : (change.afterMode ?? head);
	const oid = change.beforeOid ?? '';
	// A submodule here is never populated: no commit, tracked or untracked change inside it.
	const sub = head === '160000' ? 'S...' : 'N...';
	return `1 .${entry.letter} ${sub} ${head} ${head} ${work} ${oid} ${oid} ${show(entry.path)}`;
}

// The baseline commit's own changes. Patchbay's checkout is a depth-1 snapshot, whose commit git
// shows as a root ("grafted"): every file of it added. So `git show`, `git log -p`, `--stat`
// print what they print in a depth-1 clone of the same commit.
import { gitlinksOf, isBinary, subprojectText, type FileChange } from '../../diff/index.ts';
import { byPath } from './repo-paths.ts';
import type { GitContext } from './types.ts';

/** Reads in flight at once: the baseline may be thousands of blobs. */
const CONCURRENCY = 16;

export async function baselineAsAdded(ctx: GitContext): Promise<FileChange[]> {
	const { entries } = ctx.repo.baseline;
	const changes = new Array<FileChange>(entries.length);
	let next = 0;
	const worker = async () => {
		while (next < entries.length) {
			ctx.signal?.throwIfAborted();
			const index = next++;
			const entry = entries[index]!;
			const after = await ctx.repo.readBaseline(entry.oid);
			changes[index] = {
				path: entry.path,
				before: null,
				after,
				afterMode: entry.mode,
				afterOid: entry.oid,
				binary: isBinary(after)
			};
		}
	};
	await Promise.all(Array.from({ length: Math.min(CONCURRENCY, entries.length) }, worker));
	// A submodule is added as its commit, which a patch shows as a "Subproject commit" line.
	for (const link of gitlinksOf(ctx.repo.baseline)) {
		const after = subprojectText(link.oid);
		changes.push({ path: link.path, before: null, after, afterMode: '160000', afterOid: link.oid });
	}
	return changes.sort((a, b) => byPath(a.path, b.path));
}

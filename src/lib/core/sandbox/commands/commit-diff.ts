// The baseline commit's own changes. Patchbay's checkout is a depth-1 snapshot, whose commit git
// shows as a root ("grafted"): every file of it added. So `git show`, `git log -p`, `--stat`
// print what they print in a depth-1 clone of the same commit.
import { isBinary, type FileChange } from '../../diff/index.ts';
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
	return changes;
}

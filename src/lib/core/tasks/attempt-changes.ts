// What an attempt changed: its sandbox against the baseline, as FileChanges and a patch.
import {
	detectChanges,
	diffStats,
	formatPatch,
	type FileChange,
	type FileStat
} from '../diff/index.ts';
import type { Baseline } from '../git/index.ts';
import type { Sandbox } from '../sandbox/index.ts';

export type AttemptChanges = { changes: FileChange[]; patch: string; stats: FileStat[] };

export async function attemptChanges(
	sandbox: Sandbox,
	baseline: Baseline,
	readBaseline: (oid: string) => Promise<Uint8Array>,
	signal?: AbortSignal
): Promise<AttemptChanges> {
	const reader = {
		// The sandbox lists recursively; skipping happens by name inside it.
		list: () => sandbox.list('', { skipDirs: ['.git', 'node_modules'] }),
		read: async (path: string) => (await sandbox.readFile(path)) ?? new Uint8Array()
	};
	const changes = await detectChanges(baseline, reader, readBaseline, { signal });
	return { changes, patch: formatPatch(changes), stats: diffStats(changes) };
}

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

/** Turns changes into a patch and its stats; the page passes one that runs in a Worker. */
export type PatchFormatter = (
	changes: FileChange[]
) => Promise<{ patch: string; stats: FileStat[] }>;

const formatHere: PatchFormatter = async (changes) => ({
	patch: formatPatch(changes),
	stats: diffStats(changes)
});

export async function attemptChanges(
	sandbox: Sandbox,
	baseline: Baseline,
	readBaseline: (oid: string) => Promise<Uint8Array>,
	options: { signal?: AbortSignal; format?: PatchFormatter } = {}
): Promise<AttemptChanges> {
	const reader = {
		// The sandbox lists recursively; skipping happens by name inside it.
		list: () => sandbox.list('', { skipDirs: ['.git', 'node_modules'] }),
		read: async (path: string) => (await sandbox.readFile(path)) ?? new Uint8Array()
	};
	const changes = await detectChanges(baseline, reader, readBaseline, { signal: options.signal });
	const { patch, stats } = await (options.format ?? formatHere)(changes);
	return { changes, patch, stats };
}

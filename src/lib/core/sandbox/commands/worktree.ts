// The working tree against the baseline, for every git subcommand that needs it. A file that was
// found clean keeps its size and mtime here, like git's index stat data, so the next command
// skips reading and hashing it; the first one reads every file.
import type { IFileSystem } from 'just-bash';
import {
	detectChanges,
	type BaselineEntry,
	type FileChange,
	type SandboxEntry,
	type SandboxReader
} from '../../diff/index.ts';
import { fsReader } from './fs-reader.ts';
import { byPath } from './repo-paths.ts';
import type { GitContext, Worktree } from './types.ts';

type CleanStat = { oid: string; size: number; mtimeMs: number };

/** Clean-file stat data per repository path. One per sandbox file system. */
export type StatCache = Map<string, CleanStat>;

export async function readWorktree(
	repo: GitContext['repo'],
	fs: IFileSystem,
	cache: StatCache,
	signal?: AbortSignal
): Promise<Worktree> {
	const listed: SandboxEntry[] = [];
	const reader = fsReader(fs, repo.root);
	const recording: SandboxReader = {
		list: async (options) => {
			const entries = await reader.list(options);
			listed.push(...entries);
			return entries;
		},
		read: (path) => reader.read(path)
	};
	const scanStart = Date.now();
	const entries = repo.baseline.entries.map((entry) => withCachedStat(entry, cache));
	const base = { entries, skipped: repo.baseline.skipped };
	const all = await detectChanges(base, recording, repo.readBaseline, {
		...repo.detect,
		signal
	});
	remember(cache, repo.baseline.entries, listed, all, scanStart);
	return { all, tracked: trackedView(all), untracked: untrackedOf(all) };
}

function withCachedStat(entry: BaselineEntry, cache: StatCache): BaselineEntry {
	const clean = cache.get(entry.path);
	if (clean?.oid !== entry.oid) return entry;
	return { ...entry, size: clean.size, mtimeMs: clean.mtimeMs };
}

/**
 * Records the files found clean. Like git's "racy git" rule, a file whose mtime is not before
 * the scan began may have changed again within the same millisecond, so it is not recorded.
 */
function remember(
	cache: StatCache,
	baseline: BaselineEntry[],
	listed: SandboxEntry[],
	changes: FileChange[],
	scanStart: number
): void {
	const tracked = new Map(baseline.map((entry) => [entry.path, entry]));
	const changed = new Set(changes.flatMap((change) => [change.path, change.oldPath ?? '']));
	for (const entry of listed) {
		const base = tracked.get(entry.path);
		const racy = entry.mtimeMs === undefined || entry.mtimeMs >= scanStart;
		if (!base || changed.has(entry.path) || base.mode !== entry.mode || racy) {
			cache.delete(entry.path);
			continue;
		}
		cache.set(entry.path, { oid: base.oid, size: entry.size ?? -1, mtimeMs: entry.mtimeMs! });
	}
}

/** With nothing staged, a new file is untracked, so a rename shows as its old path deleted. */
function trackedView(all: FileChange[]): FileChange[] {
	const tracked: FileChange[] = [];
	for (const change of all) {
		if (change.oldPath !== undefined && change.oldPath !== change.path) {
			const { before, beforeMode, beforeOid, binary } = change;
			tracked.push({ path: change.oldPath, before, after: null, beforeMode, beforeOid, binary });
		} else if (change.before !== null) tracked.push(change);
	}
	return tracked.sort((a, b) => byPath(a.path, b.path));
}

function untrackedOf(all: FileChange[]): string[] {
	return all
		.filter(
			(change) =>
				change.before === null || (change.oldPath !== undefined && change.oldPath !== change.path)
		)
		.map((change) => change.path)
		.sort(byPath);
}

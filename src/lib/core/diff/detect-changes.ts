import { hashBlob } from './blob-hash.ts';
import { isBinary } from './content.ts';
import { baseName } from './ignore-matcher.ts';
import { loadIgnores } from './load-ignores.ts';
import { mapLimit } from './map-limit.ts';
import { pairRenames, type RenameSide } from './renames.ts';
import type { Baseline, BaselineEntry, FileChange, SandboxEntry, SandboxReader } from './types.ts';

export type DetectOptions = {
	/** Folders setup creates that are never changes unless tracked. Default: ['node_modules']. */
	dependencyDirs?: string[];
	/** Extra ignore rules with the lowest precedence, like .git/info/exclude. */
	excludeText?: string;
	/** Reads in flight at once. Default 16. */
	concurrency?: number;
	signal?: AbortSignal;
};

export type ReadBaseline = (oid: string) => Promise<Uint8Array>;

/** A sandbox file that differs from the baseline (or has no baseline). */
type Scanned = { path: string; mode: string; oid: string; bytes: Uint8Array };

/**
 * The attempt's changes against the baseline, sorted by path. Ignored and dependency files
 * count only when tracked. The baseline and the result are plain data and the files come
 * through two small seams, so this can move into a Web Worker beside the files.
 */
export async function detectChanges(
	baseline: Baseline,
	sandbox: SandboxReader,
	readBaseline: ReadBaseline,
	options: DetectOptions = {}
): Promise<FileChange[]> {
	const { signal, concurrency = 16 } = options;
	const dependencyDirs = options.dependencyDirs ?? ['node_modules'];
	const tracked = new Map(baseline.entries.map((entry) => [entry.path, entry]));
	const trackedDirs = directoriesOf(baseline.entries);
	const skippable = new Set(['.git', ...dependencyDirs]);
	const listing = await sandbox.list({
		skipDir: (dir) => skippable.has(baseName(dir)) && !trackedDirs.has(dir)
	});
	const gitignores = new Map<string, Uint8Array>();
	const read = async (path: string): Promise<Uint8Array> => {
		const bytes = gitignores.get(path) ?? (await sandbox.read(path));
		if (baseName(path) === '.gitignore') gitignores.set(path, bytes);
		return bytes;
	};
	const matcher = await loadIgnores(listing, read, {
		dependencyDirs,
		excludeText: options.excludeText ?? ''
	});
	const present = listing.filter(
		(entry) => tracked.has(entry.path) || !matcher.isIgnored(entry.path)
	);
	const scanned = await mapLimit(
		present,
		concurrency,
		(entry) => scan(entry, tracked.get(entry.path), read),
		signal
	);
	const seen = new Set(present.map((entry) => entry.path));
	const deleted = baseline.entries.filter((entry) => !seen.has(entry.path));
	const jobs = toChanges(
		scanned.filter((s): s is Scanned => s !== null),
		deleted,
		tracked,
		readBaseline
	);
	const changes = await mapLimit(jobs, concurrency, (job) => job(), signal);
	return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** null when the file matches its baseline entry; reads and hashes only when it must. */
async function scan(
	entry: SandboxEntry,
	base: BaselineEntry | undefined,
	read: (path: string) => Promise<Uint8Array>
): Promise<Scanned | null> {
	if (base && base.mode === entry.mode) {
		if (entry.oid !== undefined && entry.oid === base.oid) return null;
		const statKnown = base.size !== undefined && base.mtimeMs !== undefined;
		if (statKnown && entry.size === base.size && entry.mtimeMs === base.mtimeMs) return null;
	}
	const bytes = await read(entry.path);
	const oid = entry.oid ?? (await hashBlob(bytes));
	if (base && base.oid === oid && base.mode === entry.mode) return null;
	return { path: entry.path, mode: entry.mode, oid, bytes };
}

/** Builds the changes, reading baseline contents for modified and deleted files. */
function toChanges(
	scanned: Scanned[],
	deleted: BaselineEntry[],
	tracked: Map<string, BaselineEntry>,
	readBaseline: ReadBaseline
): Array<() => Promise<FileChange>> {
	const added = scanned.filter((s) => !tracked.has(s.path));
	const renames = pairRenames(added, deleted);
	const renamedFrom = new Set([...renames.values()].map((side) => side.path));
	const jobs = scanned.map((after) => async (): Promise<FileChange> => {
		const source = renames.get(after.path);
		if (source) return renamed(source, after);
		const base = tracked.get(after.path);
		if (!base) return withBinary({ path: after.path, before: null, ...afterSide(after) });
		const before = base.oid === after.oid ? after.bytes : await readBaseline(base.oid);
		return withBinary({ path: after.path, ...beforeSide(base, before), ...afterSide(after) });
	});
	for (const base of deleted) {
		if (renamedFrom.has(base.path)) continue;
		jobs.push(async () => {
			const before = await readBaseline(base.oid);
			return withBinary({ path: base.path, ...beforeSide(base, before), after: null });
		});
	}
	return jobs;
}

function renamed(source: RenameSide, after: Scanned): FileChange {
	return withBinary({
		path: after.path,
		oldPath: source.path,
		...beforeSide(source, after.bytes),
		...afterSide(after)
	});
}

function beforeSide(base: RenameSide, before: Uint8Array) {
	return { before, beforeMode: base.mode, beforeOid: base.oid };
}

function afterSide(scanned: Scanned) {
	return { after: scanned.bytes, afterMode: scanned.mode, afterOid: scanned.oid };
}

function withBinary(change: FileChange): FileChange {
	return { ...change, binary: isBinary(change.before) || isBinary(change.after) };
}

function directoriesOf(entries: BaselineEntry[]): Set<string> {
	const dirs = new Set<string>();
	for (const { path } of entries) {
		for (let slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
			dirs.add(path.slice(0, slash));
		}
	}
	return dirs;
}

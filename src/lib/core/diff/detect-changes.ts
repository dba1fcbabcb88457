import { hashBlob } from './blob-hash.ts';
import { isBinary } from './content.ts';
import { baseName } from './ignore-matcher.ts';
import { loadCleaner, type CleanFile } from './load-attributes.ts';
import { loadIgnores } from './load-ignores.ts';
import { mapLimit } from './map-limit.ts';
import { pairRenames, pairSimilar, type RenameSide } from './renames.ts';
import { MAX_SCORE } from './similarity.ts';
import {
	gitlinksOf,
	subprojectText,
	type Baseline,
	type BaselineEntry,
	type FileChange,
	type SandboxEntry,
	type SandboxReader
} from './types.ts';

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
	const gitlinks = new Map(gitlinksOf(baseline).map((link) => [link.path, link.oid]));
	const trackedDirs = directoriesOf([
		...baseline.entries,
		...[...gitlinks.keys()].map((path) => ({ path }))
	]);
	const skippable = new Set(['.git', ...dependencyDirs]);
	// As in git, what is inside a submodule's folder is the submodule's, never a change here.
	const inSubmodule = (path: string) => gitlinks.size > 0 && insideAny(path, gitlinks);
	const listing = (
		await sandbox.list({
			skipDir: (dir) => gitlinks.has(dir) || (skippable.has(baseName(dir)) && !trackedDirs.has(dir))
		})
	).filter((entry) => !inSubmodule(entry.path));
	const gitignores = new Map<string, Uint8Array>();
	const read = async (path: string): Promise<Uint8Array> => {
		const bytes = gitignores.get(path) ?? (await sandbox.read(path));
		const name = baseName(path);
		if (name === '.gitignore' || name === '.gitattributes') gitignores.set(path, bytes);
		return bytes;
	};
	const matcher = await loadIgnores(listing, read, {
		dependencyDirs,
		excludeText: options.excludeText ?? ''
	});
	const present = listing.filter(
		(entry) => tracked.has(entry.path) || !matcher.isIgnored(entry.path)
	);
	const clean = await loadCleaner(listing, read, tracked, readBaseline);
	const scanned = await mapLimit(
		present,
		concurrency,
		(entry) => scan(entry, tracked.get(entry.path), read, clean),
		signal
	);
	const seen = new Set(present.map((entry) => entry.path));
	const deleted = baseline.entries.filter((entry) => !seen.has(entry.path));
	const all = scanned.filter((s): s is Scanned => s !== null);
	// A file where a submodule was: the gitlink's type change, built by gitlinkJobs.
	const found = all.filter((s) => !gitlinks.has(s.path));
	const renames = await findRenames(found, deleted, tracked, readBaseline, concurrency, signal);
	const jobs = toChanges(found, deleted, tracked, renames, readBaseline);
	for (const job of gitlinkJobs(all, gitlinks)) jobs.push(job);
	const changes = await mapLimit(jobs, concurrency, (job) => job(), signal);
	return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** null when the file matches its baseline entry; reads and hashes only when it must. */
async function scan(
	entry: SandboxEntry,
	base: BaselineEntry | undefined,
	read: (path: string) => Promise<Uint8Array>,
	clean: CleanFile | null
): Promise<Scanned | null> {
	if (base && base.mode === entry.mode) {
		if (entry.oid !== undefined && entry.oid === base.oid) return null;
		const statKnown = base.size !== undefined && base.mtimeMs !== undefined;
		if (statKnown && entry.size === base.size && entry.mtimeMs === base.mtimeMs) return null;
	}
	const raw = await read(entry.path);
	let oid = entry.oid ?? (await hashBlob(raw));
	if (base && base.oid === oid && base.mode === entry.mode) return null;
	// git hashes a touched file after its clean conversion (.gitattributes line endings). A file
	// still byte for byte as checked out is not touched: a clone's index says so by its stat data.
	const bytes =
		clean && entry.oid === undefined && entry.mode !== '120000'
			? await clean(entry.path, raw)
			: raw;
	if (bytes !== raw) oid = await hashBlob(bytes);
	if (base && base.oid === oid && base.mode === entry.mode) return null;
	return { path: entry.path, mode: entry.mode, oid, bytes };
}

type Renames = {
	/** Added path → its source and, for a rename by similarity, git's score and old bytes. */
	pairs: Map<string, { source: RenameSide; score?: number; before?: Uint8Array }>;
	/** Deleted files' contents already read for the comparison. */
	read: Map<string, Uint8Array>;
};

/**
 * Exact renames first; then, if deleted and added files are left, renames by similarity as
 * git's default -M finds them, which needs the deleted files' contents (read here once).
 */
async function findRenames(
	scanned: Scanned[],
	deleted: BaselineEntry[],
	tracked: Map<string, BaselineEntry>,
	readBaseline: ReadBaseline,
	concurrency: number,
	signal: AbortSignal | undefined
): Promise<Renames> {
	const added = scanned.filter((s) => !tracked.has(s.path));
	const exact = pairRenames(added, deleted);
	const renames: Renames = { pairs: new Map(), read: new Map() };
	for (const [path, source] of exact) renames.pairs.set(path, { source });
	const used = new Set([...exact.values()].map((side) => side.path));
	const leftAdded = added.filter((side) => !exact.has(side.path));
	const leftDeleted = deleted.filter((entry) => !used.has(entry.path));
	if (!leftAdded.length || !leftDeleted.length) return renames;
	const withBytes = await mapLimit(
		leftDeleted,
		concurrency,
		async (entry) => ({ ...entry, bytes: await readBaseline(entry.oid) }),
		signal
	);
	for (const side of withBytes) renames.read.set(side.path, side.bytes);
	const byPath = new Map(withBytes.map((side) => [side.path, side]));
	for (const [path, pair] of pairSimilar(leftAdded, withBytes)) {
		const before = byPath.get(pair.source.path)!.bytes;
		renames.pairs.set(path, { source: pair.source, score: pair.score, before });
	}
	return renames;
}

/** Builds the changes, reading baseline contents for modified and deleted files. */
function toChanges(
	scanned: Scanned[],
	deleted: BaselineEntry[],
	tracked: Map<string, BaselineEntry>,
	renames: Renames,
	readBaseline: ReadBaseline
): Array<() => Promise<FileChange>> {
	const renamedFrom = new Set([...renames.pairs.values()].map((pair) => pair.source.path));
	const jobs = scanned.map((after) => async (): Promise<FileChange> => {
		const rename = renames.pairs.get(after.path);
		if (rename) return renamed(rename.source, after, rename.before, rename.score);
		const base = tracked.get(after.path);
		if (!base) return withBinary({ path: after.path, before: null, ...afterSide(after) });
		const before = base.oid === after.oid ? after.bytes : await readBaseline(base.oid);
		return withBinary({ path: after.path, ...beforeSide(base, before), ...afterSide(after) });
	});
	for (const base of deleted) {
		if (renamedFrom.has(base.path)) continue;
		jobs.push(async () => {
			const before = renames.read.get(base.path) ?? (await readBaseline(base.oid));
			return withBinary({ path: base.path, ...beforeSide(base, before), after: null });
		});
	}
	return jobs;
}

function renamed(
	source: RenameSide,
	after: Scanned,
	before = after.bytes,
	score?: number
): FileChange {
	return withBinary({
		path: after.path,
		oldPath: source.path,
		similarity: score === undefined ? 100 : Math.floor((score * 100) / MAX_SCORE),
		...beforeSide(source, before),
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

/** A submodule replaced by a file (or link): git's type change, gitlink → blob. */
function gitlinkJobs(
	scanned: Scanned[],
	gitlinks: Map<string, string>
): Array<() => Promise<FileChange>> {
	return scanned
		.filter((s) => gitlinks.has(s.path))
		.map((after) => async () => {
			const oid = gitlinks.get(after.path)!;
			const before = { before: subprojectText(oid), beforeMode: '160000', beforeOid: oid };
			return withBinary({ path: after.path, ...before, ...afterSide(after) });
		});
}

function insideAny(path: string, dirs: Map<string, string>): boolean {
	for (let slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
		if (dirs.has(path.slice(0, slash))) return true;
	}
	return false;
}

function directoriesOf(entries: Iterable<{ path: string }>): Set<string> {
	const dirs = new Set<string>();
	for (const { path } of entries) {
		for (let slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
			dirs.add(path.slice(0, slash));
		}
	}
	return dirs;
}

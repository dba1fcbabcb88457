// Paths as git relates them: the working directory as a prefix of the repository root, paths
// shown relative to it (`../a.txt`), and arguments resolved from it to repository paths.
import { gitlinksOf } from '../../diff/index.ts';
import type { Baseline } from '../../git/index.ts';

/** The working directory relative to `root` with a trailing slash ('' at the root), or null
 * when it is outside the repository. */
export function prefixOf(root: string, cwd: string): string | null {
	const base = root.replace(/\/+$/, '');
	const dir = cwd.replace(/\/+$/, '');
	if (dir === base) return '';
	return dir.startsWith(`${base}/`) ? `${dir.slice(base.length + 1)}/` : null;
}

/** A repository path as seen from `prefix`, like git's relative_path(). */
export function relativeTo(path: string, prefix: string): string {
	if (!prefix) return path;
	const dirs = prefix.split('/').filter(Boolean);
	const parts = path.split('/');
	let common = 0;
	// The last part of `path` is its own name (or '' after a directory's slash), never a dir.
	while (common < dirs.length && common < parts.length - 1 && dirs[common] === parts[common]) {
		common++;
	}
	const up = '../'.repeat(dirs.length - common);
	const rest = parts.slice(common).join('/');
	return up + rest || './';
}

/**
 * An argument given relative to `prefix`, as a repository path without a trailing slash
 * ('' for the root). Null when it leads outside the repository.
 */
export function resolveFromPrefix(arg: string, prefix: string): string | null {
	const parts: string[] = [];
	for (const part of `${prefix}${arg}`.split('/')) {
		if (part === '' || part === '.') continue;
		if (part !== '..') parts.push(part);
		else if (parts.pop() === undefined) return null;
	}
	return parts.join('/');
}

/** Every directory that holds a tracked file, at any depth. */
export function directoriesOf(paths: Iterable<string>): Set<string> {
	const dirs = new Set<string>();
	for (const path of paths) {
		for (let slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
			dirs.add(path.slice(0, slash));
		}
	}
	return dirs;
}

export function byPath(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** What the index would hold: the baseline's files and its submodules (gitlinks), by path. */
export function indexEntries(baseline: Baseline): Map<string, { mode: string; oid: string }> {
	const entries = new Map<string, { mode: string; oid: string }>();
	for (const entry of baseline.entries) entries.set(entry.path, entry);
	for (const link of gitlinksOf(baseline))
		entries.set(link.path, { mode: '160000', oid: link.oid });
	return entries;
}

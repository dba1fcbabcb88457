// Untracked files the way `git status` lists them: a directory that holds no tracked file is
// shown once, as `dir/`, instead of every file in it (`-uall` lists the files).
import { byPath, directoriesOf } from './repo-paths.ts';

export type UntrackedMode = 'no' | 'normal' | 'all';

export function untrackedEntries(
	untracked: readonly string[],
	trackedPaths: Iterable<string>,
	mode: UntrackedMode
): string[] {
	if (mode === 'no') return [];
	if (mode === 'all') return [...untracked];
	const trackedDirs = directoriesOf(trackedPaths);
	const shown = new Set<string>();
	for (const path of untracked) shown.add(collapsed(path, trackedDirs));
	return [...shown].sort(byPath);
}

function collapsed(path: string, trackedDirs: Set<string>): string {
	for (let slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
		const dir = path.slice(0, slash);
		if (!trackedDirs.has(dir)) return `${dir}/`;
	}
	return path;
}

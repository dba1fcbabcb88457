// What git itself says a branch holds: its commit, its tree, and every file's mode, blob id and
// bytes (`git ls-tree -r` and `git cat-file`). A checkout is compared with it whole.
import { execFileSync } from 'node:child_process';

export type FilesByPath = Map<string, { mode: string; oid: string; data: Uint8Array }>;

export function gitSays(
	gitDir: string,
	branch = 'main'
): { commit: string; tree: string; files: FilesByPath } {
	const git = (...args: string[]) => execFileSync('git', ['--git-dir', gitDir, ...args]);
	const files: FilesByPath = new Map();
	for (const line of git('ls-tree', '-r', '-z', branch).toString('utf8').split('\0')) {
		const match = /^(\d+) (\w+) ([0-9a-f]{40})\t(.*)$/s.exec(line);
		if (!match || match[2] !== 'blob') continue;
		const [, mode = '', , oid = '', path = ''] = match;
		files.set(path, { mode, oid, data: new Uint8Array(git('cat-file', 'blob', oid)) });
	}
	return {
		commit: git('rev-parse', branch).toString('utf8').trim(),
		tree: git('rev-parse', `${branch}^{tree}`).toString('utf8').trim(),
		files
	};
}

/** A checkout's files in the same shape. */
export function filesByPath(
	files: readonly { path: string; mode: string; oid: string; data: Uint8Array }[]
): FilesByPath {
	return new Map(files.map((f) => [f.path, { mode: f.mode, oid: f.oid, data: f.data }]));
}

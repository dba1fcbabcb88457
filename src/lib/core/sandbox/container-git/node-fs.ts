// just-bash's IFileSystem over Node's fs, as far as the sandbox's `git` uses it, for the git
// script inside the WebContainer. Modes follow the page, not the file system: the page cannot
// see the container's file modes, so its final diff keeps baseline modes and writes new files
// as 100644; `git status` here reports the same, whatever chmod did.
import { promises as fs, type Stats } from 'node:fs';
import { dirname, posix } from 'node:path';
import type { FsStat, IFileSystem } from 'just-bash';
import type { FileMode } from '../types.ts';

export function nodeFileSystem(root: string, modes: Map<string, FileMode>): IFileSystem {
	const base = root.replace(/\/+$/, '');

	function toFsStat(path: string, stats: Stats): FsStat {
		let mode = stats.mode;
		if (stats.isFile()) {
			const repoPath = path.startsWith(`${base}/`) ? path.slice(base.length + 1) : null;
			const executable = repoPath !== null && modes.get(repoPath) === '100755';
			mode = (mode & ~0o111) | (executable ? 0o111 : 0);
		}
		return {
			isFile: stats.isFile(),
			isDirectory: stats.isDirectory(),
			isSymbolicLink: stats.isSymbolicLink(),
			mode,
			size: stats.size,
			mtime: stats.mtime
		};
	}

	const unsupported = (name: string) => () => {
		throw new Error(`${name} is not supported here`);
	};

	return {
		readFile: (path) => fs.readFile(path, 'utf8'),
		readFileBuffer: async (path) => new Uint8Array(await fs.readFile(path)),
		writeFile: (path, content) => fs.writeFile(path, content),
		appendFile: (path, content) => fs.appendFile(path, content),
		exists: (path) =>
			fs.lstat(path).then(
				() => true,
				() => false
			),
		stat: async (path) => toFsStat(path, await fs.stat(path)),
		lstat: async (path) => toFsStat(path, await fs.lstat(path)),
		mkdir: async (path, options) => {
			await fs.mkdir(path, options);
		},
		readdir: async (path) => (await fs.readdir(path)).sort(),
		rm: (path, options) => fs.rm(path, options),
		resolvePath: (from, path) => posix.resolve(from, path),
		// None: the git command then walks the tree itself.
		getAllPaths: () => [],
		chmod: (path, mode) => fs.chmod(path, mode),
		symlink: async (target, linkPath) => {
			await fs.mkdir(dirname(linkPath), { recursive: true });
			await fs.symlink(target, linkPath);
		},
		readlink: (path) => fs.readlink(path),
		realpath: (path) => fs.realpath(path),
		cp: unsupported('cp'),
		mv: unsupported('mv'),
		link: unsupported('link'),
		utimes: unsupported('utimes')
	};
}

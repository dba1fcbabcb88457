// The diff module's SandboxReader over just-bash's file system: every file and symlink under
// the repository root with git's mode, size and mtime. Symlinks read as their target.
import type { FsStat, IFileSystem } from 'just-bash';
import type { ListOptions, SandboxEntry, SandboxReader } from '../../diff/index.ts';

const encoder = new TextEncoder();

export function fsReader(fs: IFileSystem, root: string): SandboxReader {
	const base = root.replace(/\/+$/, '');
	return {
		async list(options) {
			const out: SandboxEntry[] = [];
			// InMemoryFs lists a directory by scanning every path it holds, so walking 10,000 files
			// in 100 folders costs ~3× more than taking all paths at once; a file system that
			// cannot list all paths returns none, and is walked.
			const all = fs.getAllPaths().filter((path) => path.startsWith(`${base}/`));
			if (all.length) await listPaths(fs, base, all, options, out);
			else await walk(fs, base, '', options, out);
			return out;
		},
		async read(path) {
			const full = `${base}/${path}`;
			const stat = await fs.lstat(full);
			if (stat.isSymbolicLink) return encoder.encode(await fs.readlink(full));
			return fs.readFileBuffer(full);
		}
	};
}

async function listPaths(
	fs: IFileSystem,
	base: string,
	all: string[],
	options: ListOptions | undefined,
	out: SandboxEntry[]
): Promise<void> {
	const skipped = new Map<string, boolean>();
	const isSkipped = (dir: string): boolean => {
		let answer = skipped.get(dir);
		if (answer === undefined) {
			const slash = dir.lastIndexOf('/');
			answer = (slash > 0 && isSkipped(dir.slice(0, slash))) || !!options?.skipDir(dir);
			skipped.set(dir, answer);
		}
		return answer;
	};
	for (const full of all) {
		const path = full.slice(base.length + 1);
		const slash = path.lastIndexOf('/');
		if (slash > 0 && isSkipped(path.slice(0, slash))) continue;
		const entry = entryOf(await fs.lstat(full), path);
		if (entry) out.push(entry);
	}
}

async function walk(
	fs: IFileSystem,
	dir: string,
	prefix: string,
	options: ListOptions | undefined,
	out: SandboxEntry[]
): Promise<void> {
	for (const name of await fs.readdir(dir)) {
		const full = `${dir}/${name}`;
		const path = prefix ? `${prefix}/${name}` : name;
		const stat = await fs.lstat(full);
		if (stat.isDirectory) {
			if (!options?.skipDir(path)) await walk(fs, full, path, options, out);
			continue;
		}
		const entry = entryOf(stat, path);
		if (entry) out.push(entry);
	}
}

/** A file or symlink with git's mode; null for a directory (or anything else). */
function entryOf(stat: FsStat, path: string): SandboxEntry | null {
	if (!stat.isFile && !stat.isSymbolicLink) return null;
	return {
		path,
		mode: stat.isSymbolicLink ? '120000' : stat.mode & 0o111 ? '100755' : '100644',
		size: stat.size,
		mtimeMs: stat.mtime.getTime()
	};
}

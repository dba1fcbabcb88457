// The diff module's SandboxReader over just-bash's file system: every file and symlink under
// the repository root with git's mode, size and mtime. Symlinks read as their target.
import type { IFileSystem } from 'just-bash';
import type { ListOptions, SandboxEntry, SandboxReader } from '../../diff/index.ts';

const encoder = new TextEncoder();

export function fsReader(fs: IFileSystem, root: string): SandboxReader {
	const base = root.replace(/\/+$/, '');
	return {
		async list(options) {
			const out: SandboxEntry[] = [];
			await walk(fs, base, '', options, out);
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
		if (!stat.isFile && !stat.isSymbolicLink) continue;
		out.push({
			path,
			mode: stat.isSymbolicLink ? '120000' : stat.mode & 0o111 ? '100755' : '100644',
			size: stat.size,
			mtimeMs: stat.mtime.getTime()
		});
	}
}

// apply_patch's FileAccess over just-bash's file system, relative to the shell's working
// directory as Codex resolves patch paths. A rewritten file keeps its mode (just-bash's
// writeFile would reset it to 644) and a symlink is written through, as a real file system does.
import type { IFileSystem } from 'just-bash';
import type { FileAccess } from '../../patch/index.ts';

export function parentDir(path: string): string {
	const at = path.lastIndexOf('/');
	return at <= 0 ? '/' : path.slice(0, at);
}

export function fsFileAccess(fs: IFileSystem, dir: string): FileAccess {
	const decoder = new TextDecoder();
	const full = (path: string) => fs.resolvePath(dir, path);
	return {
		async read(path) {
			const target = full(path);
			if (!(await fs.exists(target))) return null;
			const stat = await fs.stat(target);
			if (!stat.isFile) throw new Error('not a regular file');
			return decoder.decode(await fs.readFileBuffer(target));
		},
		async write(path, text) {
			let target = full(path);
			if (await fs.exists(target)) {
				target = await fs.realpath(target);
				const { mode } = await fs.stat(target);
				await fs.writeFile(target, text);
				await fs.chmod(target, mode);
				return;
			}
			await fs.mkdir(parentDir(target), { recursive: true });
			await fs.writeFile(target, text);
		},
		async remove(path) {
			await fs.rm(full(path));
		}
	};
}

import type { FileSystemTree } from '@webcontainer/api';
import type { TreeFile } from './types.ts';

const decoder = new TextDecoder();

/** Nests flat git entries into the tree shape `WebContainer.mount()` takes. */
export function toFileSystemTree(files: TreeFile[]): FileSystemTree {
	const root: FileSystemTree = {};
	for (const file of files) {
		const parts = file.path.split('/');
		const name = parts.pop()!;
		let dir = root;
		for (const part of parts) {
			const node = (dir[part] ??= { directory: {} });
			if (!('directory' in node)) throw new Error(`${file.path}: ${part} is a file, not a folder`);
			dir = node.directory;
		}
		dir[name] =
			file.mode === '120000'
				? { file: { symlink: decoder.decode(file.data) } }
				: { file: { contents: file.data } };
	}
	return root;
}

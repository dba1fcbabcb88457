import type { FileAccess } from '../../../src/lib/core/patch/index.ts';

/** A FileAccess over a Map that logs every write and removal, so a test can prove there were none. */
export function memoryFiles(initial: Record<string, string>) {
	const files = new Map(Object.entries(initial));
	const log: string[] = [];
	const access: FileAccess = {
		read: async (path) => files.get(path) ?? null,
		write: async (path, text) => {
			log.push(`write ${path}`);
			files.set(path, text);
		},
		remove: async (path) => {
			log.push(`remove ${path}`);
			if (!files.delete(path)) throw new Error(`ENOENT: ${path}`);
		}
	};
	return { access, log, snapshot: () => Object.fromEntries(files) };
}

import type { SandboxFile, SandboxReader } from './types.ts';

/** A reader over files held in memory: the plain-data form of a sandbox. */
export function readerFromFiles(files: SandboxFile[]): SandboxReader {
	const byPath = new Map(files.map((file) => [file.path, file]));
	return {
		async list(options) {
			const skipped = (path: string) => {
				for (let slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
					if (options?.skipDir(path.slice(0, slash))) return true;
				}
				return false;
			};
			return files
				.filter((file) => !skipped(file.path))
				.map(({ path, mode, bytes }) => ({ path, mode, size: bytes.length }));
		},
		async read(path) {
			const file = byPath.get(path);
			if (!file) throw new Error(`no such file: ${path}`);
			return file.bytes;
		}
	};
}

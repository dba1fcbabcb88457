import { NOTHING_CHANGED, PatchError } from './errors.ts';
import type { FileAccess } from './model.ts';

/** A view of FileAccess whose writes and removals wait for `commit`: all-or-nothing apply. */
export type StagedFiles = {
	/** The file as the patch has left it so far; null when absent. */
	read(path: string): Promise<string | null>;
	write(path: string, text: string): void;
	remove(path: string): void;
	commit(): Promise<void>;
};

export function stageFiles(files: FileAccess): StagedFiles {
	const original = new Map<string, string | null>();
	const pending = new Map<string, string | null>();
	return {
		async read(path) {
			if (pending.has(path)) return pending.get(path) ?? null;
			if (!original.has(path)) original.set(path, await guard('read', path, files.read(path)));
			return original.get(path) ?? null;
		},
		write: (path, text) => void pending.set(path, text),
		remove: (path) => void pending.set(path, null),
		async commit() {
			// Writes before removals, so a failure halfway through a move loses no text.
			for (const [path, text] of pending) {
				if (text !== null && text !== original.get(path)) {
					await guard('write', path, files.write(path, text));
				}
			}
			for (const [path, text] of pending) {
				if (text === null && original.get(path) !== null) {
					await guard('delete', path, files.remove(path));
				}
			}
		}
	};
}

async function guard<T>(
	verb: 'read' | 'write' | 'delete',
	path: string,
	work: Promise<T>
): Promise<T> {
	try {
		return await work;
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw new PatchError(
			verb === 'read' ? 'read-failed' : 'write-failed',
			`Failed to ${verb} ${path}: ${reason}`,
			verb === 'read'
				? NOTHING_CHANGED
				: 'Files earlier in the patch may already be changed; read them before retrying.',
			{ cause: error }
		);
	}
}

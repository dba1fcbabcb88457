/**
 * The Codex apply_patch format: `parsePatch` reads it, `applyPatch` applies it all-or-nothing
 * through a FileAccess. The grammar, as the model reads it, is in `apply-patch.md`.
 */
import { applyHunks } from './apply-hunks.ts';
import { NOTHING_CHANGED, PatchError } from './errors.ts';
import type { AppliedChange, FileAccess, PatchOp } from './model.ts';
import { parsePatch } from './parser.ts';
import { stageFiles, type StagedFiles } from './staged-files.ts';

export { parsePatch } from './parser.ts';
export { PatchError, type PatchErrorCode } from './errors.ts';
export type { AppliedChange, FileAccess, Hunk, HunkLine, PatchOp } from './model.ts';

/**
 * Applies a patch: every operation is computed first, in order, each seeing the files as the
 * earlier ones left them; only when all succeed are files written. Throws a PatchError (and
 * writes nothing) when the patch is malformed or does not fit the files.
 */
export async function applyPatch(text: string, files: FileAccess): Promise<AppliedChange[]> {
	const ops = parsePatch(text);
	const staged = stageFiles(files);
	const changes: AppliedChange[] = [];
	for (const op of ops) changes.push(await applyOp(op, staged));
	await staged.commit();
	return changes;
}

async function applyOp(op: PatchOp, staged: StagedFiles): Promise<AppliedChange> {
	const before = await staged.read(op.path);
	switch (op.type) {
		case 'add':
			if (before !== null) {
				throw refuse(
					'add-exists',
					`Cannot add ${op.path}: the file already exists. Use '*** Update File: ${op.path}' to change it.`
				);
			}
			staged.write(op.path, op.contents);
			return { type: 'add', path: op.path, after: op.contents };
		case 'delete':
			if (before === null) {
				throw refuse('delete-missing', `Cannot delete ${op.path}: the file does not exist.`);
			}
			staged.remove(op.path);
			return { type: 'delete', path: op.path, before };
		case 'update':
			if (before === null) {
				throw refuse(
					'update-missing',
					`Cannot update ${op.path}: the file does not exist. Use '*** Add File: ${op.path}' to create it.`
				);
			}
			return applyUpdate(op, before, staged);
	}
}

async function applyUpdate(
	op: Extract<PatchOp, { type: 'update' }>,
	before: string,
	staged: StagedFiles
): Promise<AppliedChange> {
	const movePath = op.movePath !== op.path ? op.movePath : undefined;
	if (movePath !== undefined && (await staged.read(movePath)) !== null) {
		throw refuse(
			'move-exists',
			`Cannot move ${op.path} to ${movePath}: ${movePath} already exists.`
		);
	}
	const after = applyHunks(op.path, before, op.hunks);
	if (movePath === undefined) {
		staged.write(op.path, after);
		return { type: 'update', path: op.path, before, after };
	}
	staged.write(movePath, after);
	staged.remove(op.path);
	return { type: 'update', path: op.path, movePath, before, after };
}

function refuse(
	code: 'add-exists' | 'delete-missing' | 'update-missing' | 'move-exists',
	message: string
) {
	return new PatchError(code, message, NOTHING_CHANGED);
}

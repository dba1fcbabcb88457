import { AppError } from '../http/index.ts';

/** Stable codes: tests, the UI and the agent's tool compare against these, never messages. */
export type PatchErrorCode =
	// The patch text does not follow the grammar.
	| 'missing-begin'
	| 'missing-end'
	| 'empty-patch'
	| 'unknown-header'
	| 'empty-add'
	| 'empty-update'
	| 'empty-hunk'
	| 'bad-hunk-line'
	| 'move-without-update'
	| 'empty-path'
	| 'absolute-path'
	| 'path-escapes'
	// The patch is well formed but does not fit the files.
	| 'add-exists'
	| 'update-missing'
	| 'delete-missing'
	| 'move-exists'
	| 'anchor-not-found'
	| 'context-not-found'
	// The file access itself failed.
	| 'read-failed'
	| 'write-failed';

// Every PatchError is raised before anything is written (except a failing write itself), so the
// hints can promise that the files are as they were.
export const NOTHING_CHANGED = 'Nothing was changed.';
export const FIX_PATCH_HINT = `${NOTHING_CHANGED} Fix the patch and send it again.`;
export const FIX_CONTEXT_HINT = `${NOTHING_CHANGED} Read the file again and copy the context and removed lines from it exactly.`;

/** An apply_patch failure the model can act on: its message says which file and line. */
export class PatchError extends AppError {
	declare readonly code: PatchErrorCode;

	constructor(code: PatchErrorCode, message: string, hint = '', options?: { cause?: unknown }) {
		super(code, message, hint, options);
		this.name = 'PatchError';
	}
}

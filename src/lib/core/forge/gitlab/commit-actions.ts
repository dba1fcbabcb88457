// What GitLab's commits API is asked to do: one `actions` list per push (create, update,
// delete, move, chmod), worked out from the attempt's changes — against the baseline for a new
// branch, or against what the branch holds now for a follow-up.
import { hashBlob, type FileChange } from '../../diff/index.ts';
import { AppError } from '../../http/index.ts';
import { toBase64 } from '../../github/base64.ts';

export type CommitAction =
	| {
			action: 'create' | 'update' | 'move';
			file_path: string;
			previous_path?: string;
			content: string;
			encoding: 'base64';
	  }
	| { action: 'delete'; file_path: string }
	| { action: 'chmod'; file_path: string; execute_filemode: boolean };

const REGULAR = '100644';
const EXECUTABLE = '100755';
const SYMLINK = '120000';

const modeAfter = (c: FileChange) => c.afterMode ?? c.beforeMode ?? REGULAR;

function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
	if (a === null || b === null) return a === b;
	return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** GitLab's API writes files only (regular or executable): a new or changed symlink cannot go. */
export function refuseSymlinks(changes: readonly FileChange[]): void {
	const links = changes.filter(
		(c) =>
			c.after !== null &&
			modeAfter(c) === SYMLINK &&
			!(c.beforeMode === SYMLINK && sameBytes(c.before, c.after) && !c.oldPath)
	);
	if (links.length > 0) throw symlinkError(links.map((c) => c.path));
}

function symlinkError(paths: string[]): AppError {
	return new AppError(
		'symlink-unsupported',
		`GitLab's API cannot write symlinks: ${paths.join(', ')}.`,
		'Download the patch and push it with git, or replace the link with a file.'
	);
}

const content = (bytes: Uint8Array) => ({ content: toBase64(bytes), encoding: 'base64' as const });

function chmodIfNeeded(path: string, from: string, to: string): CommitAction[] {
	const exec = to === EXECUTABLE;
	return exec === (from === EXECUTABLE)
		? []
		: [{ action: 'chmod', file_path: path, execute_filemode: exec }];
}

/** The actions that turn the baseline into baseline + `changes`. */
export function actionsFromBaseline(changes: readonly FileChange[]): CommitAction[] {
	const actions: CommitAction[] = [];
	for (const change of changes) {
		const { path, before, after } = change;
		const from = change.beforeMode ?? REGULAR;
		if (after === null) {
			if (before !== null) actions.push({ action: 'delete', file_path: change.oldPath ?? path });
			continue;
		}
		if (change.oldPath) {
			actions.push({
				action: 'move',
				file_path: path,
				previous_path: change.oldPath,
				...content(after)
			});
			actions.push(...chmodIfNeeded(path, from, modeAfter(change)));
		} else if (before === null) {
			actions.push({ action: 'create', file_path: path, ...content(after) });
			actions.push(...chmodIfNeeded(path, REGULAR, modeAfter(change)));
		} else {
			if (!sameBytes(before, after))
				actions.push({ action: 'update', file_path: path, ...content(after) });
			actions.push(...chmodIfNeeded(path, from, modeAfter(change)));
		}
	}
	return actions;
}

/** A path where the branch differs from the baseline (from GitLab's compare). */
export type BranchDiff = {
	old_path: string;
	new_path: string;
	a_mode: string;
	b_mode: string;
	new_file: boolean;
	renamed_file: boolean;
	deleted_file: boolean;
};

type State = { bytes: Uint8Array | null; mode: string } | null;

/**
 * The actions that turn the branch (the baseline plus `pushed`, what an earlier push left) into
 * baseline + `changes`. `read.baseline` reads a file the earlier push changed and this one does
 * not, to put it back; `read.branchBlobId` the blob the branch holds at a path the earlier push
 * wrote, so a retried push that landed already asks for nothing.
 */
export async function actionsFromBranch(
	changes: readonly FileChange[],
	pushed: readonly BranchDiff[],
	read: { baseline(path: string): Promise<Uint8Array>; branchBlobId(path: string): Promise<string> }
): Promise<CommitAction[]> {
	// What the branch holds at each path the earlier push touched (content unknown: null bytes).
	const current = new Map<string, State>();
	const baselineHas = new Map<string, string>();
	for (const d of pushed) {
		if (d.renamed_file || d.deleted_file) current.set(d.old_path, null);
		if (!d.deleted_file) current.set(d.new_path, { bytes: null, mode: d.b_mode });
		if (!d.new_file) baselineHas.set(d.old_path, d.a_mode);
	}
	const desired = new Map<string, State>();
	for (const c of changes) {
		if (c.oldPath) desired.set(c.oldPath, null);
		desired.set(c.path, c.after === null ? null : { bytes: c.after, mode: modeAfter(c) });
	}
	const actions: CommitAction[] = [];
	const paths = [...new Set([...current.keys(), ...desired.keys()])].sort();
	for (const path of paths) {
		const change = changes.find((c) => c.path === path || c.oldPath === path);
		const now: State = current.has(path)
			? current.get(path)!
			: change?.path === path
				? change.before === null
					? null
					: { bytes: change.before, mode: change.beforeMode ?? REGULAR }
				: change // a rename's source, untouched by the earlier push: still the baseline's
					? { bytes: change.before, mode: change.beforeMode ?? REGULAR }
					: null;
		let want: State;
		if (desired.has(path)) want = desired.get(path)!;
		else {
			const mode = baselineHas.get(path);
			want = mode === undefined ? null : { bytes: await read.baseline(path), mode };
		}
		if (want && want.mode === SYMLINK && now?.mode !== SYMLINK) throw symlinkError([path]);
		if (want === null) {
			if (now !== null) actions.push({ action: 'delete', file_path: path });
		} else if (now === null) {
			actions.push({ action: 'create', file_path: path, ...content(want.bytes!) });
			actions.push(...chmodIfNeeded(path, REGULAR, want.mode));
		} else {
			const same =
				now.bytes === null
					? (await read.branchBlobId(path)) === (await hashBlob(want.bytes!))
					: sameBytes(now.bytes, want.bytes);
			if (!same) {
				actions.push({ action: 'update', file_path: path, ...content(want.bytes!) });
			}
			actions.push(...chmodIfNeeded(path, now.mode, want.mode));
		}
	}
	return actions;
}

// Moving an attempt's changes from the commit it started on to a newer head of the same branch.
// Per file, a three-way decision: a file the head left as the baseline had it takes ours as is;
// one the head changed too gets our hunks re-applied where their context still matches exactly
// (a looser match could overwrite the head's own edit); anything else is a conflict, named, and
// the caller keeps the original base.
import { AppError } from '../http/index.ts';
import { textOf } from './content.ts';
import { buildHunks, type Hunk } from './hunks.ts';
import { diffLineArrays, splitLines } from './line-diff.ts';
import type { FileChange } from './types.ts';

/** A file as the new head has it. */
export type HeadFile = { bytes: Uint8Array; mode: string };

/** Reads a path at the new head; null when the head has no file there. */
export type ReadHead = (path: string) => Promise<HeadFile | null>;

export type RebaseConflict = { path: string; reason: string };

export type RebaseResult =
	{ ok: true; changes: FileChange[] } | { ok: false; conflicts: RebaseConflict[] };

/** A rebase onto a commit: the commit and its tree become the push's base. */
export type RebaseOutcome =
	| { ok: true; base: { commit: string; tree: string }; changes: FileChange[] }
	| { ok: false; conflicts: RebaseConflict[] };

const REGULAR = '100644';

function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
	if (a === null || b === null) return a === b;
	return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** The lines a hunk expects (context and removals) and the lines it leaves (context and additions). */
function sidesOf(hunk: Hunk): { old: string[]; new: string[] } {
	const old: string[] = [];
	const added: string[] = [];
	for (const line of hunk.lines) {
		if (line[0] !== '+') old.push(line.slice(1));
		if (line[0] !== '-') added.push(line.slice(1));
	}
	return { old, new: added };
}

/** The exact occurrence of `pattern` at or after `from` nearest to `expected`, or -1. */
function findNearest(lines: string[], pattern: string[], from: number, expected: number): number {
	let best = -1;
	for (let index = from; index + pattern.length <= lines.length; index++) {
		if (!pattern.every((line, offset) => lines[index + offset] === line)) continue;
		if (best < 0 || Math.abs(index - expected) < Math.abs(best - expected)) best = index;
		if (index >= expected) break;
	}
	return best;
}

/**
 * `ours` is `base` edited; `head` is `base` edited by someone else. Returns `head` with our
 * edits applied, or null when one of our hunks no longer finds its exact context.
 */
export function replayText(base: string, ours: string, head: string): string | null {
	const baseLines = splitLines(base);
	const ourLines = splitLines(ours);
	const { changedA, changedB } = diffLineArrays(baseLines, ourLines);
	const hunks = buildHunks(baseLines, ourLines, changedA, changedB);
	const headLines = splitLines(head);
	const out: string[] = [];
	let cursor = 0;
	let shift = 0;
	for (const hunk of hunks) {
		const sides = sidesOf(hunk);
		// Nothing to anchor on: an insertion into an empty file that is no longer empty.
		if (sides.old.length === 0 && headLines.length > 0) return null;
		const expected = Math.max(cursor, hunk.oldStart - 1 + shift);
		const at = sides.old.length === 0 ? 0 : findNearest(headLines, sides.old, cursor, expected);
		if (at < 0) return null;
		out.push(...headLines.slice(cursor, at), ...sides.new);
		cursor = at + sides.old.length;
		shift = at - (hunk.oldStart - 1);
	}
	out.push(...headLines.slice(cursor));
	return out.join('');
}

/** Our mode unless we left it alone, in which case the head's. */
function mergedMode(change: FileChange, head: HeadFile): string {
	const before = change.beforeMode ?? REGULAR;
	const ours = change.afterMode ?? before;
	return ours !== before ? ours : head.mode;
}

type Outcome = FileChange | RebaseConflict | null;

function conflict(path: string, reason: string): RebaseConflict {
	return { path, reason };
}

async function rebaseAdded(change: FileChange, read: ReadHead): Promise<Outcome> {
	const there = await read(change.path);
	if (there === null) return { ...change, before: null };
	if (sameBytes(there.bytes, change.after)) return null;
	return conflict(change.path, 'added here and, with other content, on the new head');
}

async function rebaseExisting(change: FileChange, read: ReadHead): Promise<Outcome> {
	const oldPath = change.oldPath ?? change.path;
	const head = await read(oldPath);
	if (head === null) {
		if (change.after === null) return null;
		return conflict(oldPath, 'changed here, deleted on the new head');
	}
	if (change.oldPath && (await read(change.path)) !== null) {
		return conflict(change.path, 'renamed here onto a path the new head has a file at');
	}
	const rebased = (after: Uint8Array | null): FileChange => ({
		path: change.path,
		...(change.oldPath ? { oldPath: change.oldPath } : {}),
		before: head.bytes,
		after,
		beforeMode: head.mode,
		...(after === null ? {} : { afterMode: mergedMode(change, head) })
	});
	// The head left the content alone (at most its mode changed): ours applies as it is.
	if (sameBytes(head.bytes, change.before)) return rebased(change.after);
	if (change.after === null) return conflict(oldPath, 'deleted here, changed on the new head');
	// Only our mode changed, or the head already has our content: keep the head's bytes.
	if (sameBytes(change.after, change.before) || sameBytes(change.after, head.bytes)) {
		return rebased(head.bytes);
	}
	const texts = [change.before!, change.after, head.bytes].map(textOf);
	const symlink = [change.beforeMode, change.afterMode, head.mode].includes('120000');
	if (symlink || texts.some((text) => text === null)) {
		return conflict(oldPath, 'changed here and on the new head (not a text file)');
	}
	const merged = replayText(texts[0]!, texts[1]!, texts[2]!);
	if (merged === null)
		return conflict(oldPath, 'changed here and on the new head, in the same lines');
	return rebased(new TextEncoder().encode(merged));
}

const isConflict = (outcome: Outcome): outcome is RebaseConflict =>
	outcome !== null && 'reason' in outcome;

/** Rebases `changes` (against the baseline) onto a head read through `read`. */
export async function rebaseChanges(
	changes: readonly FileChange[],
	read: ReadHead
): Promise<RebaseResult> {
	const outcomes: Outcome[] = [];
	for (const change of changes) {
		if (change.before !== null) outcomes.push(await rebaseExisting(change, read));
		else if (change.after !== null) outcomes.push(await rebaseAdded(change, read));
	}
	const conflicts = outcomes.filter(isConflict);
	if (conflicts.length > 0) return { ok: false, conflicts };
	const rebased = outcomes.filter((o): o is FileChange => o !== null && !isConflict(o));
	// A change the head already made leaves nothing: drop files whose bytes and mode now agree.
	return {
		ok: true,
		changes: rebased.filter(
			(c) =>
				c.oldPath !== undefined ||
				!sameBytes(c.before, c.after) ||
				(c.beforeMode ?? REGULAR) !== (c.afterMode ?? c.beforeMode ?? REGULAR)
		)
	};
}

/** Every path a rebase of `changes` reads at the new head. */
export function pathsToRead(changes: readonly FileChange[]): string[] {
	return [...new Set(changes.flatMap((c) => (c.oldPath ? [c.oldPath, c.path] : [c.path])))];
}

/** What a person sees when the changes do not replay onto the new head. */
export function rebaseConflictError(conflicts: readonly RebaseConflict[]): AppError {
	const files = conflicts.map((c) => `${c.path} (${c.reason})`).join('; ');
	return new AppError(
		'rebase-conflict',
		`The changes do not apply to the new head of the base branch: ${files}.`,
		'Push on the original base instead (the pull request shows the conflict), or download the ' +
			'patch and resolve it locally.'
	);
}

import { blobOidSync, ZERO_OID } from './blob-hash.ts';
import { byteString, isGitBinary } from './content.ts';
import { escapedText } from './escaped-bytes.ts';
import { buildHunks, type Hunk } from './hunks.ts';
import { diffLineArrays, splitLines } from './line-diff.ts';
import type { FileChange } from './types.ts';

/** One `diff --git` section's worth of facts, shared by the patch writer and the stats. */
export type FileDiff = {
	oldPath: string;
	newPath: string;
	/** null = that side is absent (an added or deleted file). */
	oldMode: string | null;
	newMode: string | null;
	before: Uint8Array | null;
	after: Uint8Array | null;
	sameContent: boolean;
	binary: boolean;
	/** Text changes only; empty for binary files and unchanged content. */
	hunks: Hunk[];
	oldOid(): string;
	newOid(): string;
};

const LINK = '120000';
const GITLINK = '160000';
const REGULAR = '100644';

/** What a mode holds: a file, a symlink, or a submodule's commit. */
function kindOf(mode: string): string {
	return mode === LINK || mode === GITLINK ? mode : REGULAR;
}

/**
 * The sections a change becomes: one, or two when a symlink or a submodule turns into a file or
 * back (a type change), which git writes as a deletion followed by an addition.
 *
 * Content is binary as git sees it: a NUL in the first 8000 bytes. Other text is diffed line
 * by line whatever its encoding. `bytes`: the lines are one char a byte (the sandbox's git,
 * which writes them out as bytes). Without it (the review, the exported patch) they are UTF-8
 * text with the bytes that are not UTF-8 surrogate-escaped (escaped-bytes.ts), so a Latin-1
 * file's hunk is still git's, and `escapedBytes` gives the patch's bytes back exactly.
 */
export function fileDiffs(change: FileChange, bytes = false): FileDiff[] {
	if (change.before === null && change.after === null) return [];
	const oldMode = change.before ? (change.beforeMode ?? REGULAR) : null;
	const newMode = change.after ? (change.afterMode ?? change.beforeMode ?? REGULAR) : null;
	if (oldMode && newMode && kindOf(oldMode) !== kindOf(newMode)) {
		const { beforeOid, afterOid } = change;
		return [
			toFileDiff(
				{ path: change.oldPath ?? change.path, before: change.before, after: null, beforeOid },
				oldMode,
				null,
				bytes
			),
			toFileDiff(
				{ path: change.path, before: null, after: change.after, afterOid },
				null,
				newMode,
				bytes
			)
		];
	}
	return [toFileDiff(change, oldMode, newMode, bytes)];
}

function toFileDiff(
	change: FileChange,
	oldMode: string | null,
	newMode: string | null,
	bytes: boolean
): FileDiff {
	const { before, after } = change;
	const sameContent =
		before !== null &&
		after !== null &&
		sameBytes(before, after, change.beforeOid, change.afterOid);
	// change.binary (NUL or not UTF-8, detectChanges') is not git's test: a Latin-1 file is text.
	const binary = isGitBinary(before) || isGitBinary(after);
	let hunks: Hunk[] = [];
	if (!binary && !sameContent) {
		const decode = bytes ? byteString : escapedText;
		const oldLines = splitLines(before ? decode(before) : '');
		const newLines = splitLines(after ? decode(after) : '');
		const { changedA, changedB } = diffLineArrays(oldLines, newLines);
		hunks = buildHunks(oldLines, newLines, changedA, changedB, 3, bytes);
	}
	return {
		oldPath: change.oldPath ?? change.path,
		newPath: change.path,
		oldMode,
		newMode,
		before,
		after,
		sameContent,
		binary,
		hunks,
		oldOid: lazyOid(before, change.beforeOid),
		newOid: lazyOid(after, change.afterOid)
	};
}

function lazyOid(bytes: Uint8Array | null, known: string | undefined): () => string {
	let oid = known ?? (bytes ? undefined : ZERO_OID);
	return () => (oid ??= blobOidSync(bytes!));
}

function sameBytes(a: Uint8Array, b: Uint8Array, aOid?: string, bOid?: string): boolean {
	if (aOid !== undefined && bOid !== undefined) return aOid === bOid;
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

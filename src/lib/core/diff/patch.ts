import { binaryPatch } from './binary-patch.ts';
import { fileDiffs, type FileDiff } from './file-diff.ts';
import type { Hunk } from './hunks.ts';
import { quotePath } from './quote-path.ts';
import { similarityIndex } from './similarity.ts';
import type { FileChange } from './types.ts';

export type { FileChange } from './types.ts';

export type PatchOptions = {
	/** Full 40-hex blob ids on every index line (binary sections always have them). */
	fullIndex?: boolean;
	/**
	 * Diff content as git sees it (fileDiffs' `bytes`): the patch is then one char a byte, for a
	 * caller that writes it out as bytes (the sandbox's git).
	 */
	bytes?: boolean;
	/** Hex digits of a shortened blob id (git's core.abbrev, which grows with the repository). */
	abbrev?: number;
};

/**
 * A git-style patch of `changes` that `git apply` (and `git apply --3way`) accepts, written
 * the way `git diff --binary -M` writes it: headers, 3-line-context hunks, binary literals.
 * Text that is not UTF-8 (a Latin-1 file) is in its hunks as git has it, its undecodable bytes
 * surrogate-escaped: write the patch out with `escapedBytes`, never a plain UTF-8 encoder.
 */
export function formatPatch(changes: FileChange[], options: PatchOptions = {}): string {
	const parts: string[] = [];
	for (const change of changes) {
		for (const diff of fileDiffs(change, options.bytes)) writeSection(parts, diff, change, options);
	}
	return parts.join('');
}

function writeSection(
	out: string[],
	diff: FileDiff,
	change: FileChange,
	options: PatchOptions
): void {
	const renamed = diff.oldPath !== diff.newPath;
	const modeChanged =
		diff.oldMode !== null && diff.newMode !== null && diff.oldMode !== diff.newMode;
	if (diff.sameContent && !renamed && !modeChanged) return;
	out.push(`diff --git ${quotePath(`a/${diff.oldPath}`)} ${quotePath(`b/${diff.newPath}`)}\n`);
	if (diff.oldMode === null) out.push(`new file mode ${diff.newMode}\n`);
	else if (diff.newMode === null) out.push(`deleted file mode ${diff.oldMode}\n`);
	else if (modeChanged) out.push(`old mode ${diff.oldMode}\nnew mode ${diff.newMode}\n`);
	if (renamed) {
		out.push(`similarity index ${similarityIndex(change)}%\n`);
		out.push(`rename from ${quotePath(diff.oldPath)}\nrename to ${quotePath(diff.newPath)}\n`);
	}
	if (diff.sameContent) return;
	const length = diff.binary || options.fullIndex ? 40 : (options.abbrev ?? 7);
	const mode =
		modeChanged || diff.oldMode === null || diff.newMode === null ? '' : ` ${diff.oldMode}`;
	out.push(`index ${diff.oldOid().slice(0, length)}..${diff.newOid().slice(0, length)}${mode}\n`);
	if (diff.binary) {
		out.push(binaryPatch(diff.before ?? new Uint8Array(), diff.after ?? new Uint8Array()));
		return;
	}
	if (diff.hunks.length === 0) return;
	out.push(`--- ${diff.before ? fileLabel('a/', diff.oldPath) : '/dev/null'}\n`);
	out.push(`+++ ${diff.after ? fileLabel('b/', diff.newPath) : '/dev/null'}\n`);
	for (const hunk of diff.hunks) writeHunk(out, hunk);
}

/** git ends a name containing a space with a tab, so GNU patch finds where the name stops. */
function fileLabel(prefix: string, path: string): string {
	return quotePath(prefix + path) + (path.includes(' ') ? '\t' : '');
}

function writeHunk(out: string[], hunk: Hunk): void {
	const heading = hunk.heading ? ` ${hunk.heading}` : '';
	const oldRange = range(hunk.oldStart, hunk.oldCount);
	out.push(`@@ -${oldRange} +${range(hunk.newStart, hunk.newCount)} @@${heading}\n`);
	for (const line of hunk.lines) {
		out.push(line.endsWith('\n') ? line : `${line}\n\\ No newline at end of file\n`);
	}
}

function range(start: number, count: number): string {
	return count === 1 ? `${start}` : `${start},${count}`;
}

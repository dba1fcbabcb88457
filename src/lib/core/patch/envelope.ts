import { FIX_PATCH_HINT, PatchError } from './errors.ts';

export const BEGIN_PATCH = '*** Begin Patch';
export const END_PATCH = '*** End Patch';

/** The lines between the markers; `firstLine` is the 1-based number of `lines[0]`. */
export type PatchBody = { lines: string[]; firstLine: number };

// `<<EOF`, `<<'EOF'`, `<<"PATCH"`, optionally after `apply_patch`: models sometimes send the
// shell heredoc they were trained on as the tool's argument (Codex tolerates it the same way).
const HEREDOC_START = /^(?:(?:apply_patch|applypatch)\s+)?<<-?\s*(['"]?)([A-Za-z_]\w*)\1$/;

/**
 * Finds the patch between `*** Begin Patch` and `*** End Patch`. Like Codex it ignores blank
 * lines and padding around the markers and unwraps a heredoc around the whole patch.
 */
export function unwrapPatch(text: string): PatchBody {
	const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
	let [first, last] = nonBlankRange(lines, 0, lines.length - 1);
	const delimiter = HEREDOC_START.exec(lines[first]?.trim() ?? '')?.[2];
	if (delimiter !== undefined && last - first >= 3 && lines[last]?.trim() === delimiter) {
		[first, last] = nonBlankRange(lines, first + 1, last - 1);
	}
	if (lines[first]?.trim() !== BEGIN_PATCH) {
		throw new PatchError(
			'missing-begin',
			`Invalid patch: the first line must be '${BEGIN_PATCH}'.`,
			FIX_PATCH_HINT
		);
	}
	if (last === first || lines[last]?.trim() !== END_PATCH) {
		throw new PatchError(
			'missing-end',
			`Invalid patch: the last line must be '${END_PATCH}'.`,
			FIX_PATCH_HINT
		);
	}
	return { lines: lines.slice(first + 1, last), firstLine: first + 2 };
}

/** Narrows `[first, last]` to start and end on non-blank lines. */
function nonBlankRange(lines: readonly string[], first: number, last: number): [number, number] {
	while (first <= last && lines[first]?.trim() === '') first++;
	while (last >= first && lines[last]?.trim() === '') last--;
	return [first, last];
}

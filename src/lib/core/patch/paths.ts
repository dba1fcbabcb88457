import type { PatchErrorCode } from './errors.ts';

export type PathCheck =
	{ ok: true; path: string } | { ok: false; code: PatchErrorCode; reason: string };

// Windows-style absolute paths too: a model trained on mixed transcripts writes them.
const ABSOLUTE = /^(?:[/\\]|[A-Za-z]:[/\\])/;

/**
 * Normalises a patch path (drops `.` and empty segments, resolves `..`) so that two spellings
 * of one file meet in the same place, and refuses what would leave the repository root.
 */
export function checkPatchPath(raw: string): PathCheck {
	if (ABSOLUTE.test(raw)) {
		return {
			ok: false,
			code: 'absolute-path',
			reason: `'${raw}' is an absolute path; use a path relative to the repository root`
		};
	}
	const segments: string[] = [];
	for (const segment of raw.split('/')) {
		if (segment === '' || segment === '.') continue;
		if (segment !== '..') segments.push(segment);
		else if (segments.pop() === undefined) {
			return {
				ok: false,
				code: 'path-escapes',
				reason: `'${raw}' leads outside the repository; use a path inside it`
			};
		}
	}
	if (segments.length === 0) {
		return { ok: false, code: 'empty-path', reason: `'${raw}' does not name a file` };
	}
	return { ok: true, path: segments.join('/') };
}

// A shared patch is shown up to a number of files. Within its cap a link's patch can still be
// tens of thousands of one-line files (7.5 MB deflates to a few hundred KB), and the review
// mounts every file it is given: the page would keep building file views for minutes.

export const MAX_SHOWN_FILES = 300;

export type ShownPatch = {
	/** The patch up to the first `shown` files. */
	patch: string;
	/** Files in the whole patch. */
	files: number;
	shown: number;
};

const HEADER = 'diff --git ';

/**
 * The first `max` files of a git-style patch. A line starting `diff --git ` is always a file's
 * header (content lines start with ' ', '+', '-' or '\'), so a scan for it is enough: no parse.
 */
export function firstFiles(patch: string, max = MAX_SHOWN_FILES): ShownPatch {
	let files = 0;
	let end = patch.length;
	const first = patch.startsWith(HEADER) ? 0 : nextHeader(patch, 0);
	for (let at = first; at !== -1; at = nextHeader(patch, at)) {
		files++;
		if (files === max + 1) end = at;
	}
	return { patch: patch.slice(0, end), files, shown: Math.min(files, max) };
}

/** Where the next header line after the line starting at `from` starts, or -1. */
function nextHeader(patch: string, from: number): number {
	const newline = patch.indexOf(`\n${HEADER}`, from);
	return newline === -1 ? -1 : newline + 1;
}

// Path quoting as git prints paths: C-style quotes for control characters, `"`, `\` and
// non-ASCII bytes (core.quotePath), and in `status --short` also for a space.
// The diff module's quoting is the one `formatPatch` uses; its index does not export it yet.
import { quotePath } from '../../diff/index.ts';

/** A path as `git diff --name-only`, `--stat` and `ls-files` print it. */
export const quoteC = quotePath;

/** A path as `git status --short` prints it: quoted when it has a space too. */
export function quoteWithSpace(path: string): string {
	const quoted = quotePath(path);
	return quoted === path && path.includes(' ') ? `"${path}"` : quoted;
}

// The checkout's progress as the environment test shows it: one line, each figure once. Some
// messages carry the count themselves ("GitHub asked to slow down; retrying in 3 s — 1,204 of
// 3,000 files"); the count is added only to those that do not.
import type { CheckoutProgress } from '$lib/core/git';

/** Phases whose `loaded`/`total` count files or objects (resolving and verifying count 0 of 1). */
const COUNTED: ReadonlySet<CheckoutProgress['phase']> = new Set(['fetching', 'receiving']);

const count = (n: number) => n.toLocaleString('en-US');

export function progressLine(progress: CheckoutProgress): string {
	const text = progress.message ?? progress.phase;
	const { loaded, total } = progress;
	const kilobytes = Math.round(progress.bytes / 1024);
	const kb = kilobytes > 0 ? ` · ${count(kilobytes)} KB` : ''; // not "0 KB" for a few bytes
	if (!COUNTED.has(progress.phase) || total === 0) return `${text}${kb}`;
	// Said already in full ("1,204 of 3,000 files"), or its total ("Fetching 3,000 files: …").
	if (text.includes(`${count(loaded)} of ${count(total)}`)) return `${text}${kb}`;
	if (text.includes(`${count(total)} file`)) return `${text} (${count(loaded)} fetched)${kb}`;
	return `${text} (${count(loaded)} of ${count(total)})${kb}`;
}

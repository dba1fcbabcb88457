import type { FileDiff } from './file-diff.ts';

const encoder = new TextEncoder();

/**
 * A rename's similarity index: the share of the larger side's bytes that stayed. git apply
 * does not check the number; it tells a reader how much of the file moved unchanged.
 */
export function similarity(diff: FileDiff): number {
	if (diff.sameContent) return 100;
	const before = diff.before?.length ?? 0;
	const size = Math.max(before, diff.after?.length ?? 0);
	if (diff.binary || size === 0) return 0;
	let removed = 0;
	for (const hunk of diff.hunks) {
		for (const line of hunk.lines) if (line[0] === '-') removed += encoder.encode(line).length - 1;
	}
	return Math.min(99, Math.floor(((before - removed) * 100) / size));
}

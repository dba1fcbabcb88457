import type { Finding } from './finding.ts';
import { SECRET_MASK, secretMasker } from './mask.ts';

/** Longest excerpt shown; a minified line would otherwise fill the dialog. */
export const MAX_EXCERPT = 160;

/**
 * `line` with every finding's secret (and any known secret) masked, trimmed, and cut to a
 * window around `focus` when it is long.
 */
export function maskedExcerpt(
	line: string,
	findings: readonly Finding[],
	focus: Finding,
	knownSecrets: readonly string[]
): string {
	let masked = '';
	let from = 0;
	let focusAt = 0;
	for (const finding of findings) {
		if (finding === focus) focusAt = masked.length + (finding.start - from);
		if (!finding.mask) continue;
		masked += line.slice(from, finding.start) + SECRET_MASK;
		from = finding.end;
	}
	masked = secretMasker(knownSecrets)(masked + line.slice(from));
	return cutAround(masked, focusAt);
}

function cutAround(text: string, at: number): string {
	const start = text.length - text.trimStart().length;
	const end = text.trimEnd().length;
	if (end - start <= MAX_EXCERPT) return text.slice(start, end);
	const from = Math.max(start, Math.min(at - 40, end - MAX_EXCERPT));
	const to = Math.min(end, from + MAX_EXCERPT);
	return `${from > start ? '…' : ''}${text.slice(from, to)}${to < end ? '…' : ''}`;
}

import type { Finding, LineRule } from './finding.ts';
import { MIN_SECRET_LENGTH } from './mask.ts';

function knownSecretFindings(line: string, knownSecrets: readonly string[]): Finding[] {
	const found: Finding[] = [];
	for (const secret of knownSecrets) {
		if (secret.length < MIN_SECRET_LENGTH) continue;
		for (let at = line.indexOf(secret); at >= 0; at = line.indexOf(secret, at + secret.length)) {
			found.push({ kind: 'known-secret', start: at, end: at + secret.length, mask: true });
		}
	}
	return found;
}

/**
 * A line holding more secrets than this (a dump of keys) is reported by its first ones: the
 * push is held either way, and each hit costs a pass over the line for its excerpt.
 */
export const MAX_FINDINGS_PER_LINE = 50;

const overlaps = (a: Finding, b: Finding): boolean => a.start < b.end && b.start < a.end;

/**
 * Every rule's findings on one line, one per secret: where two overlap (a GitHub token that is
 * also the user's own secret, or assigned to `TOKEN =`), the more specific one wins — the
 * user's own value, then a known shape (rules in order), then the generic assignment.
 */
export function findingsOnLine(
	line: string,
	index: number,
	lines: readonly string[],
	rules: readonly LineRule[],
	knownSecrets: readonly string[]
): Finding[] {
	const candidates = [
		...knownSecretFindings(line, knownSecrets),
		...rules.flatMap((rule) => rule(line, index, lines))
	];
	const kept: Finding[] = [];
	for (const candidate of candidates) {
		if (kept.length === MAX_FINDINGS_PER_LINE) break;
		if (!kept.some((finding) => overlaps(finding, candidate))) kept.push(candidate);
	}
	return kept.sort((a, b) => a.start - b.start);
}

// The scan that runs before a push: every line a change adds, against the known token shapes,
// random-looking secret assignments and the environment's own secret values. A hit blocks the
// push until the user confirms, so the rules lean towards precision on ordinary code.
import type { FileChange } from '../diff/index.ts';
import { addedLines, allLines, type AddedLines } from './added-lines.ts';
import { assignmentRule } from './assignment-rule.ts';
import { findingsOnLine } from './line-findings.ts';
import { maskedExcerpt } from './excerpt.ts';
import type { LineRule, SecretKind } from './finding.ts';
import { shapeRules } from './shape-rules.ts';

export type SecretHit = {
	/** The file's path; '' when free text was scanned. */
	path: string;
	/** 1-based line number on the new side. */
	line: number;
	kind: SecretKind;
	/** The line with every secret on it masked, cut to a readable length. */
	excerpt: string;
};

export type ScanOptions = {
	/** The environment's secret values (and keys): any occurrence is a hit. */
	knownSecrets?: readonly string[];
};

/**
 * Lock files are full of hashes next to names like `node_modules/js-tokens`; only token shapes
 * are looked for there, never random-looking values.
 */
const lockFiles = new Set([
	'package-lock.json',
	'npm-shrinkwrap.json',
	'yarn.lock',
	'pnpm-lock.yaml',
	'bun.lock',
	'Cargo.lock',
	'go.sum',
	'poetry.lock',
	'Pipfile.lock',
	'uv.lock',
	'Gemfile.lock',
	'composer.lock',
	'flake.lock'
]);

function rulesFor(path: string): readonly LineRule[] {
	const name = path.slice(path.lastIndexOf('/') + 1);
	return lockFiles.has(name) ? shapeRules : [...shapeRules, assignmentRule];
}

function scanLines(
	path: string,
	text: AddedLines,
	rules: readonly LineRule[],
	knownSecrets: readonly string[]
): SecretHit[] {
	const hits: SecretHit[] = [];
	for (const index of text.added) {
		const line = text.lines[index]!;
		const findings = findingsOnLine(line, index, text.lines, rules, knownSecrets);
		for (const finding of findings) {
			const excerpt = maskedExcerpt(line, findings, finding, knownSecrets);
			hits.push({ path, line: index + 1, kind: finding.kind, excerpt });
		}
	}
	return hits;
}

/** Secrets in what `changes` add (text files only), or anywhere in `text`. */
export function scanForSecrets(
	input: readonly FileChange[] | string,
	options: ScanOptions = {}
): SecretHit[] {
	const knownSecrets = options.knownSecrets ?? [];
	if (typeof input === 'string') {
		return scanLines('', allLines(input), rulesFor(''), knownSecrets);
	}
	return input.flatMap((change) => {
		const text = addedLines(change);
		return text ? scanLines(change.path, text, rulesFor(change.path), knownSecrets) : [];
	});
}

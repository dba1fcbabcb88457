// Secrets without a known shape: a random-looking value assigned to a name that says secret,
// token, password or key. Every condition below removes a family of false positives.
import { shannonEntropy } from './entropy.ts';
import type { LineRule } from './finding.ts';

const secretName = 'secret|token|passw(?:or)?d|pwd|credential|(?:api|access|auth|private)[_-]?key';
/**
 * A secret-sounding name, the rest of the identifier (bounded, so a long line cannot make the
 * match quadratic), and an assignment: `=`, `:`, `:=`, `=>`, but not `==` or `===`.
 */
const assignment = new RegExp(
	`(?:${secretName})[\\w.-]{0,40}["'\`]?\\s*(?::=|=>|:|=)(?![=>])[ \\t]*`,
	'gi'
);
const bareValue = /[^\s'"`,;(){}[\]<>]+/y;

export const MIN_VALUE_LENGTH = 20;
/** Bits per character; random base64 scores ≈ 4.5+, hex ≈ 3.7, prose and names less. */
export const ENTROPY_THRESHOLD = 3.5;

const placeholder =
	/example|placeholder|changeme|dummy|sample|your[_-]|xxxx|redacted|insert|replace|todo|fake|test/i;
const reference = /^[$%{<(#@]|:\/\/|^(?:sha\d+|md5)-/i;
const dottedName = /^[A-Za-z_$][\w$]*(?:\.[\w$]+)+$/;

/** Whether `value` looks like a generated secret rather than a name, a reference or a hash. */
export function looksRandom(value: string, quoted: boolean): boolean {
	if (value.length < MIN_VALUE_LENGTH || value.length > 1000 || /\s/.test(value)) return false;
	if (placeholder.test(value) || reference.test(value) || dottedName.test(value)) return false;
	const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((pattern) => pattern.test(value)).length;
	// Unquoted, a mixed-case word is usually a type or a variable (`token: AccessTokenType`).
	if (classes < 2 || (!quoted && !/[0-9]/.test(value))) return false;
	return shannonEntropy(value) >= ENTROPY_THRESHOLD;
}

function readValue(line: string, at: number): { start: number; end: number; quoted: boolean } {
	const quote = line[at];
	if (quote === '"' || quote === "'" || quote === '`') {
		const close = line.indexOf(quote, at + 1);
		return close < 0
			? { start: at, end: at, quoted: true }
			: { start: at + 1, end: close, quoted: true };
	}
	bareValue.lastIndex = at;
	const bare = bareValue.exec(line);
	return { start: at, end: at + (bare?.[0].length ?? 0), quoted: false };
}

export const assignmentRule: LineRule = (line) => {
	const found = [];
	for (const match of line.matchAll(assignment)) {
		const { start, end, quoted } = readValue(line, match.index + match[0].length);
		if (looksRandom(line.slice(start, end), quoted)) {
			found.push({ kind: 'high-entropy' as const, start, end, mask: true });
		}
	}
	return found;
};

// The token shapes providers publish, matched where they stand alone (not inside a longer
// word), so that a long identifier that merely starts like a token is not one.
import type { Finding, LineRule, SecretKind } from './finding.ts';

function shapeRule(
	kind: SecretKind,
	pattern: RegExp,
	accept: (value: string) => boolean = () => true
): LineRule {
	return (line) => {
		const found: Finding[] = [];
		for (const match of line.matchAll(pattern)) {
			// With a `value` group only that part is the secret (an assignment's right side).
			const span = match.indices?.groups?.value ?? [match.index, match.index + match[0].length];
			const value = line.slice(span[0], span[1]);
			if (accept(value)) found.push({ kind, start: span[0], end: span[1], mask: true });
		}
		return found;
	};
}

/** Random keys mix lower case, upper case and digits; a kebab-case name that starts `sk-` does not. */
const mixed = (value: string): boolean =>
	/[a-z]/.test(value) && /[A-Z]/.test(value) && /[0-9]/.test(value);

/** AWS's documentation keys (AKIAIOSFODNN7EXAMPLE, …EXAMPLEKEY) are published on purpose. */
const notExample = (value: string): boolean => !value.includes('EXAMPLE');

const githubToken = shapeRule(
	'github-token',
	/(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{82,251})(?![A-Za-z0-9_])/g
);

const anthropicKey = shapeRule(
	'anthropic-key',
	/(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])/g,
	mixed
);

const openaiKey = shapeRule(
	'openai-key',
	/(?<![A-Za-z0-9_-])sk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])/g,
	mixed
);

const awsAccessKey = shapeRule(
	'aws-access-key',
	/(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g,
	notExample
);

const awsSecretKey = shapeRule(
	'aws-secret-key',
	/aws_?secret_?access_?key["'`]?\s*(?::=|=>|:|=)\s*["'`]?(?<value>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/dgi,
	notExample
);

const pemHeader = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g;
/** Key material: a long base64 run. A bare header (a PEM parser's constant) has none. */
const keyMaterial = /[A-Za-z0-9+/]{32,}/;

/**
 * A PEM private key: the header, followed on the same line (a JSON string with `\n` escapes)
 * or within the next few lines (after `Proc-Type`/`DEK-Info` headers) by key material.
 */
const privateKey: LineRule = (line, index, lines) => {
	const found: Finding[] = [];
	for (const match of line.matchAll(pemHeader)) {
		const end = match.index + match[0].length;
		const rest = line.slice(end).replace(/\\n/g, '\n');
		if (keyMaterial.test(rest)) {
			found.push({ kind: 'private-key', start: end, end: line.length, mask: true });
		} else if (lines.slice(index + 1, index + 5).some((next) => keyMaterial.test(next))) {
			found.push({ kind: 'private-key', start: match.index, end, mask: false });
		}
	}
	return found;
};

/** Rules for secrets with a recognisable shape, which hold in any file. */
export const shapeRules: readonly LineRule[] = [
	githubToken,
	anthropicKey,
	openaiKey,
	awsAccessKey,
	awsSecretKey,
	privateKey
];

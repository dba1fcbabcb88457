// Rules for secrets with a recognisable shape, which hold in any file (lock files included): the
// providers' token formats (`token-formats.ts`), PEM private keys and passwords inside URLs.
import type { Finding, LineRule } from './finding.ts';
import { isPublishedExample, looksGenerated } from './token-checks.ts';
import { tokenFormats, type TokenFormat } from './token-formats.ts';
import { urlPasswordRule } from './url-password-rule.ts';

/** Every format's findings on one line; the line's lower-case form is shared between them. */
export function tokenFindings(
	line: string,
	formats: readonly TokenFormat[] = tokenFormats
): Finding[] {
	const lower = line.toLowerCase();
	const found: Finding[] = [];
	for (const format of formats) {
		if (!format.keywords.some((keyword) => lower.includes(keyword))) continue;
		for (const match of line.matchAll(format.pattern)) {
			const groups = match.indices?.groups;
			const span = groups?.['value'] ?? [match.index, match.index + match[0].length];
			const value = line.slice(span[0], span[1]);
			const bodySpan = groups?.['body'];
			const body = bodySpan ? line.slice(bodySpan[0], bodySpan[1]) : value;
			if (isPublishedExample(value)) continue;
			const valid = format.check ? format.check(value, body) : looksGenerated(body);
			if (valid) found.push({ kind: format.id, start: span[0], end: span[1], mask: true });
		}
	}
	return found;
}

const pemHeader = /-----BEGIN (?:[A-Z0-9]+ ){0,4}PRIVATE KEY(?: BLOCK)?-----/g;
/** Key material: a long base64 run. A bare header (a PEM parser's constant) has none. */
const keyMaterial = /[A-Za-z0-9+/]{32}/;

/**
 * A PEM private key: the header, followed on the same line (a JSON string with `\n` escapes)
 * or within the next few lines (after `Proc-Type`/`DEK-Info` headers) by key material.
 */
const privateKey: LineRule = (line, index, lines) => {
	if (!line.includes('PRIVATE KEY')) return [];
	const found: Finding[] = [];
	for (const match of line.matchAll(pemHeader)) {
		const end = match.index + match[0].length;
		// Key material starts right after the header; a bounded window keeps a line of many
		// headers linear.
		const rest = line.slice(end, end + 200).replace(/\\n/g, '\n');
		if (keyMaterial.test(rest)) {
			found.push({ kind: 'private-key', start: end, end: line.length, mask: true });
		} else if (lines.slice(index + 1, index + 5).some((next) => keyMaterial.test(next))) {
			found.push({ kind: 'private-key', start: match.index, end, mask: false });
		}
	}
	return found;
};

/** Rules for secrets with a recognisable shape, in order of precedence. */
export const shapeRules: readonly LineRule[] = [
	(line) => tokenFindings(line),
	privateKey,
	urlPasswordRule
];

// Whether a value assigned to a secret-sounding name is a generated secret rather than a name,
// a reference, a stand-in, an id or a hash. Every condition removes a family of false positives.
import { shannonEntropy } from './entropy.ts';
import { isMadeUpChecksummedToken, isPublishedExample, isWordy } from './token-checks.ts';

export { isWordy };

export const MIN_VALUE_LENGTH = 20;
/** Passwords are chosen by people: shorter, but mixing three kinds of character. */
export const MIN_PASSWORD_LENGTH = 10;
/** Bits per character; random base64 scores ≈ 4.5+, hex ≈ 3.7, prose and names less. */
export const ENTROPY_THRESHOLD = 3.5;

const placeholder =
	/example|placeholder|changeme|change[_-]?me|dummy|sample|your[_-]|xxxx|redacted|insert|replace|todo|fake|test|secret|password|passwd|<[^>]*>|\*\*\*/i;
/** Variables, templates, expressions and lookups: `${X}`, `$X`, `%X%`, `{{ x }}`, `env.X`, URLs. */
const reference =
	/^[$%{<(#@&*!]|\$\{|\{\{|\{%|%\(|:\/\/|process\.env|import\.meta|os\.environ|getenv|ENV\[|^(?:sha\d+|md5)[-:]/i;
const dottedName = /^[A-Za-z_$][\w$]*(?:(?:\.|::|->)[\w$]+)+(?:\(\))?$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const hexOnly = /^(?:0x)?[0-9a-f]+$/i;
/** A relative or absolute path of lower-case segments (base64 has upper case and `+`). */
const lowerPath = /^(?:~|\.{1,2})?\/?[a-z0-9_.-]+(?:\/[a-z0-9_.-]+)+\/?$/;
/** A run of one character, a counting run or a keyboard row: typed, not generated. */
const typed = /(.)\1{4}|0123456|1234567|abcdefg|qwerty/i;

/**
 * What follows the secret word in a name, when it says the value is about the secret rather
 * than the secret: `tokenType`, `passwordHash`, `secretName`, `apiKeyId`, `tokenUrl`.
 */
const neutralRest =
	/^[_.-]?(?:hash|sha\d*|md5|digest|checksum|fingerprint|ids?|uuid|guid|nonce|types?|names?|fields?|labels?|len|length|count|urls?|uris?|paths?|files?|dir|prefix|suffix|pattern|regexp?|headers?|params?|policy|version|format|mode|expiry|expires(?:at|in)?|ttl|endpoint|env|var|hint|placeholder|index|idx|ref|source|provider|store|storage|manager|service|kind|class|schema|validator|rules?|strength|visible|reset|confirm(?:ation)?)$/i;

/** Names that say secret outright; a hex value under them is a key, not a hash or a nonce. */
const strongName =
	/passw|pwd|passphrase|secret|private|api[_-]?key|access[_-]?key|credential|signing|encryption/i;
const passwordName = /passw|pwd|passphrase/i;

/** Unquoted, a member access or an operator is code: `r.tokenize`, `e.x??!1`, `a?b:c`, `!0`. */
const expression = /^[A-Za-z_$][\w$]*\??\.[A-Za-z_$#]|\?\?|\?\.|^!|\?[^:]*:/;
/** Code, not a value: generated secrets never hold brackets or statement ends. */
const code = /[(){}[\];]/;
/** A path: `/Users/me`, `~/x`, `./a/b`, `C:\\x`. */
const path = /^(?:~|\.{1,2})?\/[^/+=]|^[A-Za-z]:\\/;

export type SecretName = { word: string; rest: string };

function characterClasses(value: string): number {
	return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(value))
		.length;
}

/** Whether `name` (the secret word and what follows it) names the value itself. */
export function namesTheSecret(name: SecretName): boolean {
	return !neutralRest.test(name.rest);
}

/** Whether `value` looks like a generated secret (or a chosen password) under `name`. */
export function looksRandom(value: string, quoted: boolean, name?: SecretName): boolean {
	if (value.length > 1000 || /\s|[^\x21-\x7e]/.test(value)) return false;
	if (code.test(value) || path.test(value) || isWordy(value)) return false;
	if (!quoted && expression.test(value)) return false;
	if (placeholder.test(value) || reference.test(value) || dottedName.test(value)) return false;
	if (isPublishedExample(value) || isMadeUpChecksummedToken(value)) return false;
	if (uuid.test(value) || lowerPath.test(value) || typed.test(value)) return false;
	if (/^[0-9._:-]+$/.test(value)) return false; // numbers, dates, versions, ports
	const strong = name === undefined || strongName.test(name.word);
	if (hexOnly.test(value) && !strong) return false;
	// Unquoted, a word without digits is usually a type or a variable (`token: AccessTokenType`).
	if (!quoted && !/[0-9]/.test(value)) return false;
	const classes = characterClasses(value);
	if (value.length < MIN_VALUE_LENGTH) {
		const password = name !== undefined && passwordName.test(name.word);
		return (
			password && value.length >= MIN_PASSWORD_LENGTH && classes >= 3 && shannonEntropy(value) >= 3
		);
	}
	if (classes < 2 && !hexOnly.test(value)) return false;
	return shannonEntropy(value) >= (hexOnly.test(value) ? 3 : ENTROPY_THRESHOLD);
}

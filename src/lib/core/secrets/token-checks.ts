// Checks a candidate must pass beyond its regex: a provider's checksum where one is published,
// a JWT's header, and — for shapes without a checksum — that the random part is random, so
// that documentation placeholders (`ghp_xxxx…`, `xoxb-your-token-here`) stay quiet.
import { crc32 as crc32OfBytes } from '../git/pack-writer.ts';
import { fromBase64Url } from '../share/base64url.ts';

const ascii = new TextEncoder();

/** CRC-32 (IEEE) of a token body; bodies are ASCII by their regex, so bytes and characters agree. */
export const crc32 = (text: string): number => crc32OfBytes(ascii.encode(text));

/** `0-9A-Za-z` is the order most published write-ups use; Go's `big.Int.Text(62)` uses `0-9a-zA-Z`. */
const BASE62_ALPHABETS = [
	'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
	'0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'
];

export function base62(value: number, width: number, alphabet = BASE62_ALPHABETS[0]!): string {
	let text = '';
	for (let rest = value; rest > 0; rest = Math.floor(rest / 62)) text = alphabet[rest % 62] + text;
	return text.padStart(width, '0');
}

/**
 * GitHub's and npm's token format (GitHub blog, 2021-04-05 and 2021-09-23): after the prefix,
 * random base62 characters and then a CRC-32 of them as 6 base62 digits. GitHub does not name
 * its digit order, so either common order is accepted (two chances in 62⁶ for a random string).
 */
export function hasBase62Checksum(body: string): boolean {
	if (body.length <= 6) return false;
	const crc = crc32(body.slice(0, -6));
	const sum = body.slice(-6);
	return BASE62_ALPHABETS.some((alphabet) => base62(crc, 6, alphabet) === sum);
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function decodeJsonSegment(segment: string): Record<string, unknown> | null {
	try {
		const value: unknown = JSON.parse(decoder.decode(fromBase64Url(segment)));
		return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
	} catch {
		return null;
	}
}

/**
 * A signed JWT (RFC 7519): a header that is JSON naming a signing algorithm other than `none`,
 * a JSON payload, and a signature. jwt.io's sample token (subject 1234567890, "John Doe") is
 * published on purpose and stays quiet.
 */
export function isSignedJwt(token: string): boolean {
	const [header, payload, signature] = token.split('.');
	if (!header || !payload || !signature) return false;
	const alg = decodeJsonSegment(header)?.['alg'];
	if (typeof alg !== 'string' || alg.toLowerCase() === 'none') return false;
	const claims = decodeJsonSegment(payload);
	if (claims === null) return false;
	return !(claims['sub'] === '1234567890' && claims['name'] === 'John Doe');
}

/** Words and marks that only stand in for a secret in docs, templates and tests. */
const placeholderWord =
	/example|placeholder|changeme|change[_-]me|dummy|sample|your[_-]?(?:api|token|key|secret|pass)|redacted|insert|replace|fake|xxxx|<[^>]*>|\$\{|\{\{|%s/i;
/** Keyboard runs and counting sequences people type instead of a key. */
const sequence = /0123456|1234567|abcdefg|bcdefgh|qwerty|asdfgh/i;
/** Six of one character in a row: ~0.04% of random 40-character base62 strings, most fill-ins. */
const repeated = /(.)\1{5}/;

/**
 * Whether the random part of a token looks generated: no placeholder word, no long run of one
 * character, no typed sequence, and enough distinct characters (a 30-character base62 key has
 * about 23, a 32-character hex one about 14; `aBaBaB…` has 2). Not `isWordy`: on short random
 * bodies it costs 1–2% recall, and no prefixed identifier in the corpora needed it.
 */
export function looksGenerated(body: string): boolean {
	if (placeholderWord.test(body) || sequence.test(body) || repeated.test(body)) return false;
	const distinct = new Set(body).size;
	return distinct >= Math.min(10, Math.ceil(body.length / 3));
}

/**
 * Keys providers print in their own documentation, so that readers can copy the shape: AWS's
 * access key pair, the Google Cloud API-key page's sample, Telegram's sample bot token and the
 * Azure storage emulator's fixed key. They are not anyone's secret.
 */
const publishedExamples = new Set([
	'AKIAIOSFODNN7EXAMPLE',
	'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
	'AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe',
	// Telegram's Bot API docs and the Azurite storage emulator's well-known development key.
	'110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw',
	'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
]);

export const isPublishedExample = (value: string): boolean => publishedExamples.has(value);

/**
 * A GitHub or npm token shape whose checksum does not hold was made up (a fixture, a doc): the
 * checksummed rule has judged it, so the generic assignment rule must not report it either.
 */
export const isMadeUpChecksummedToken = (value: string): boolean =>
	/^(?:gh[pousr]|npm)_[A-Za-z0-9]{36}$/.test(value) && !hasBase62Checksum(value.slice(4));

/**
 * Whether most of `value` is made of words: identifiers (`a11y_aria_activedescendant`,
 * `SystemCredentialKeys`), URNs (`urn:ietf:params:oauth:token-type:jwt`), messages. Split at
 * separators, case changes and digit runs; a word is 4+ letters with vowels and no run of five
 * consonants. Random base62 leaves short pieces and consonant runs, and few of them pass.
 */
export function isWordy(value: string): boolean {
	const pieces = value
		.split(/[^A-Za-z0-9]+/)
		.flatMap((part) =>
			part.split(
				/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])/
			)
		);
	const total = pieces.join('').length;
	const wordy = pieces.filter(isWord).join('').length;
	return total > 0 && wordy / total >= 0.6;
}

function isWord(piece: string): boolean {
	if (!/^(?:[A-Za-z][a-z]{3,}|[A-Z]{4,})$/.test(piece)) return false;
	const vowels = piece.replace(/[^aeiouy]/gi, '').length;
	return vowels / piece.length >= 0.2 && !/[^aeiouy]{5}/i.test(piece);
}

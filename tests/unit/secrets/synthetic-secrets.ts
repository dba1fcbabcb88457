// Synthetic secrets made from each provider's documented shape (not from the scanner's regexes),
// a near miss for each (one documented property broken), and code lines of many languages to
// embed them in. Shared by the unit tests and bench/secret-scan.ts. Everything is built at run
// time from a seed, so no file holds a token-shaped string.
import type { SecretKind } from '../../../src/lib/core/secrets/index.ts';
import { base62, crc32 } from '../../../src/lib/core/secrets/token-checks.ts';

export type Random = () => number;
/** A seeded generator (the bench fixtures' mulberry32), so every run builds the same corpus. */
export { random as seeded } from '../../../bench/fixture-tree.ts';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
export const BASE62 = DIGITS + UPPER + LOWER;
const BASE64URL = BASE62 + '-_';
const BASE64 = BASE62 + '+/';
const HEX = '0123456789abcdef';

export const pick = <T>(random: Random, items: readonly T[]): T =>
	items[Math.floor(random() * items.length)]!;
export const chars = (random: Random, alphabet: string, length: number): string => {
	let text = '';
	for (let n = 0; n < length; n++) text += alphabet[Math.floor(random() * alphabet.length)];
	return text;
};
const digits = (random: Random, min: number, max: number) =>
	chars(random, DIGITS, min + Math.floor(random() * (max - min + 1)));

/** GitHub/npm: prefix, 30 random base62, CRC-32 of them as 6 base62 digits. */
function checksummed(random: Random, prefix: string): string {
	const body = chars(random, BASE62, 30);
	return `${prefix}${body}${base62(crc32(body), 6)}`;
}

const b64url = (text: string) =>
	btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

function jwt(random: Random, alg: string, signatureLength: number): string {
	const header = b64url(JSON.stringify({ alg, typ: 'JWT' }));
	const claims = b64url(
		JSON.stringify({
			sub: chars(random, BASE62, 12),
			iat: 1_700_000_000 + Math.floor(random() * 1e7)
		})
	);
	return `${header}.${claims}.${chars(random, BASE64URL, signatureLength)}`;
}

const pemHeader = () => ['-----BEGIN', 'RSA PRIVATE', 'KEY-----'].join(' ');

export type Sample = {
	kind: SecretKind;
	/** A secret of the documented shape. */
	secret: (random: Random) => string;
	/** The same shape with one documented property broken; must stay quiet. */
	nearMiss: (random: Random) => string;
	/** Kinds found by their name: the line carries the name itself. */
	line?: (secret: string) => string;
};

export const samples: readonly Sample[] = [
	{
		kind: 'github-token',
		secret: (r) => checksummed(r, pick(r, ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'])),
		// The checksum's last digit changed.
		nearMiss: (r) => {
			const token = checksummed(r, 'ghp_');
			return token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a');
		}
	},
	{
		kind: 'github-fine-grained-token',
		secret: (r) => `github_pat_${chars(r, BASE62, 22)}_${chars(r, BASE62, 59)}`,
		nearMiss: (r) => `github_pat_${chars(r, BASE62, 22)}_${chars(r, BASE62, 40)}`
	},
	{
		kind: 'gitlab-token',
		secret: (r) => `glpat-${chars(r, BASE64URL, 20)}`,
		nearMiss: () => `glpat-${'x'.repeat(20)}`
	},
	{
		kind: 'gitlab-service-token',
		secret: (r) =>
			`${pick(r, ['gldt-', 'glrt-', 'glptt-', 'glft-', 'glcbt-', 'gloas-', 'GR1348941'])}${chars(r, BASE64URL, 20)}`,
		nearMiss: (r) => `gldt-${chars(r, BASE62, 12)}`
	},
	{
		kind: 'slack-token',
		secret: (r) =>
			pick(r, [
				() => `xoxb-${digits(r, 10, 13)}-${digits(r, 10, 13)}-${chars(r, BASE62, 24)}`,
				() =>
					`xoxp-${digits(r, 10, 13)}-${digits(r, 10, 13)}-${digits(r, 10, 13)}-${chars(r, HEX, 32)}`,
				() => `xapp-1-A${chars(r, UPPER + DIGITS, 10)}-${digits(r, 13, 13)}-${chars(r, HEX, 64)}`
			])(),
		nearMiss: () => 'xoxb-your-bot-token-goes-here-1234'
	},
	{
		kind: 'slack-webhook',
		secret: (r) =>
			`https://hooks.slack.com/services/T${chars(r, UPPER + DIGITS, 8)}/B${chars(r, UPPER + DIGITS, 10)}/${chars(r, BASE62, 24)}`,
		nearMiss: () => `https://hooks.slack.com/services/T00000000/B00000000/${'X'.repeat(24)}`
	},
	{
		kind: 'discord-webhook',
		secret: (r) =>
			`https://discord.com/api/webhooks/${digits(r, 18, 19)}/${chars(r, BASE64URL, 68)}`,
		nearMiss: (r) => `https://discord.com/api/webhooks/${digits(r, 18, 18)}/${'X'.repeat(68)}`
	},
	{
		kind: 'telegram-bot-token',
		secret: (r) => `${digits(r, 9, 10)}:AA${chars(r, BASE64URL, 33)}`,
		// The sample token from Telegram's own documentation.
		nearMiss: () => ['110201543', 'AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw'].join(':')
	},
	{
		kind: 'stripe-live-key',
		secret: (r) => `${pick(r, ['sk', 'rk'])}_live_${chars(r, BASE62, pick(r, [24, 99]))}`,
		// A publishable key is meant to be public.
		nearMiss: (r) => `pk_live_${chars(r, BASE62, 24)}`
	},
	{
		kind: 'google-api-key',
		secret: (r) => `AIza${chars(r, BASE64URL, 35)}`,
		nearMiss: (r) => `AIza${chars(r, BASE64URL, 34)}`
	},
	{
		kind: 'google-oauth-secret',
		secret: (r) => `GOCSPX-${chars(r, BASE64URL, 28)}`,
		nearMiss: (r) => `GOCSPX-${chars(r, BASE64URL, 27)}`
	},
	{
		kind: 'sendgrid-key',
		secret: (r) => `SG.${chars(r, BASE64URL, 22)}.${chars(r, BASE64URL, 43)}`,
		nearMiss: (r) => `SG.${chars(r, BASE64URL, 22)}.${chars(r, BASE64URL, 20)}`
	},
	{
		kind: 'twilio-api-key',
		secret: (r) => `SK${chars(r, HEX, 32)}`,
		nearMiss: (r) => `SK${chars(r, HEX, 31)}`
	},
	{
		kind: 'twilio-auth-token',
		secret: (r) => chars(r, HEX, 32),
		// An account SID is an identifier, not a secret.
		nearMiss: (r) => `TWILIO_ACCOUNT_SID=AC${chars(r, HEX, 32)}`,
		line: (secret) => `TWILIO_AUTH_TOKEN=${secret}`
	},
	{
		kind: 'npm-token',
		secret: (r) => checksummed(r, 'npm_'),
		nearMiss: (r) => `npm_${chars(r, BASE62, 36)}`
	},
	{
		kind: 'pypi-token',
		secret: (r) => `pypi-AgEIcHlwaS5vcmc${chars(r, BASE64URL, 160)}`,
		nearMiss: (r) => `pypi-AgEIcHlwaS5vcmc${chars(r, BASE64URL, 20)}`
	},
	{
		kind: 'openai-key',
		secret: (r) =>
			pick(r, [
				() => `sk-proj-${chars(r, BASE64URL, 156)}`,
				() => `sk-${chars(r, BASE62, 20)}T3BlbkFJ${chars(r, BASE62, 20)}`
			])(),
		nearMiss: () => 'sk-learn-metrics-classification-report'
	},
	{
		kind: 'anthropic-key',
		secret: (r) => `sk-ant-api03-${chars(r, BASE64URL, 93)}AA`,
		nearMiss: () => 'sk-ant-api03-your-anthropic-api-key-goes-here-please'
	},
	{
		kind: 'huggingface-token',
		secret: (r) => `hf_${chars(r, UPPER + LOWER, 34)}`,
		nearMiss: (r) => `hf_${chars(r, UPPER + LOWER, 33)}`
	},
	{
		kind: 'shopify-token',
		secret: (r) => `${pick(r, ['shpat_', 'shpca_', 'shppa_', 'shpss_'])}${chars(r, HEX, 32)}`,
		nearMiss: (r) => `shpat_${chars(r, HEX, 31)}`
	},
	{
		kind: 'digitalocean-token',
		secret: (r) => `${pick(r, ['dop', 'doo', 'dor'])}_v1_${chars(r, HEX, 64)}`,
		nearMiss: (r) => `dop_v1_${chars(r, HEX, 63)}`
	},
	{
		kind: 'aws-access-key',
		secret: (r) => `${pick(r, ['AKIA', 'ASIA'])}${chars(r, UPPER + '234567', 16)}`,
		nearMiss: () => ['AKIAIOSFODNN7', 'EXAMPLE'].join('')
	},
	{
		kind: 'aws-secret-key',
		secret: (r) => chars(r, BASE64, 40),
		nearMiss: () =>
			`aws_secret_access_key = ${['wJalrXUtnFEMI/K7MDENG/bPxRfiCY', 'EXAMPLEKEY'].join('')}`,
		line: (secret) => `aws_secret_access_key = ${secret}`
	},
	{
		kind: 'azure-storage-key',
		secret: (r) => `${chars(r, BASE64, 86)}==`,
		// The Azure storage emulator's published development key.
		nearMiss: () =>
			`AccountKey=${['Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq', 'K1SZFPTOtr', 'KBHBeksoGMGw=='].join('/')};`,
		line: (secret) =>
			`"Storage": "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${secret};EndpointSuffix=core.windows.net"`
	},
	{
		kind: 'jwt',
		secret: (r) => jwt(r, pick(r, ['HS256', 'RS256', 'ES256']), 43),
		// An unsecured JWT (alg "none") proves nothing and grants nothing.
		nearMiss: (r) => jwt(r, 'none', 16)
	},
	{
		kind: 'private-key',
		secret: (r) => `${chars(r, BASE64, 64)}\\n${chars(r, BASE64, 64)}`,
		nearMiss: () => `const HEADER = '${pemHeader()}';`,
		line: (secret) =>
			`"private_key": "${pemHeader()}\\n${secret}\\n-----END RSA PRIVATE KEY-----\\n",`
	},
	{
		kind: 'url-password',
		secret: (r) => chars(r, BASE62, 16),
		nearMiss: () => 'DATABASE_URL=postgres://user:password@localhost:5432/app',
		line: (secret) => `DATABASE_URL=postgres://app_user:${secret}@db.internal:5432/app`
	}
];

/** A random value of the kind the generic rule is for (mixed base62, sometimes symbols). */
export const genericValue = (random: Random): string =>
	chars(random, BASE62, 20 + Math.floor(random() * 21));

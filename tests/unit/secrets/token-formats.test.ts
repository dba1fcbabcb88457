import { describe, expect, it } from 'vitest';
import { scanForSecrets, type SecretHit } from '../../../src/lib/core/secrets/index.ts';
import {
	base62,
	crc32,
	hasBase62Checksum,
	isSignedJwt,
	looksGenerated
} from '../../../src/lib/core/secrets/token-checks.ts';
import { tokenFormats } from '../../../src/lib/core/secrets/token-formats.ts';
import { embeddings } from './code-lines.ts';
import { samples, seeded } from './synthetic-secrets.ts';

const hit = (kind: SecretHit['kind'], excerpt: string): SecretHit => ({
	path: '',
	line: 1,
	kind,
	excerpt
});

describe('token formats: one documented positive and one near miss per rule', () => {
	it('has a synthetic sample for every format, and a format or rule for every sample', () => {
		const sampled = samples.map((sample) => sample.kind);
		expect(tokenFormats.map((format) => format.id).filter((id) => !sampled.includes(id))).toEqual(
			[]
		);
		expect(new Set(tokenFormats.map((format) => format.id)).size).toBe(tokenFormats.length);
	});

	it('describes every format fully: shape, source, lower-case keywords, a global regex with indices', () => {
		const faults = tokenFormats.flatMap((format) =>
			[
				format.provider && format.description && format.shape && format.source ? '' : 'text',
				format.keywords.length > 0 ? '' : 'no keywords',
				format.keywords.every((keyword) => keyword === keyword.toLowerCase()) ? '' : 'keyword case',
				format.pattern.global && format.pattern.hasIndices ? '' : 'flags'
			]
				.filter(Boolean)
				.map((fault) => `${format.id}: ${fault}`)
		);
		expect(faults).toEqual([]);
	});

	for (const sample of samples) {
		describe(sample.kind, () => {
			it('finds the documented shape, masked, in every embedding', () => {
				const random = seeded(sample.kind.length);
				const secret = sample.secret(random);
				const lines = sample.line
					? [sample.line(secret)]
					: embeddings.map((embed) => embed(secret));
				for (const line of lines) {
					const [found, ...more] = scanForSecrets(line);
					expect({ line, more, kind: found?.kind }).toEqual({ line, more: [], kind: sample.kind });
					expect(found!.excerpt).not.toContain(secret);
					expect(found!.excerpt).toContain('[secret]');
				}
			});

			it('stays quiet on the near miss', () => {
				const random = seeded(sample.kind.length + 1);
				for (let n = 0; n < 5; n++) {
					const miss = sample.nearMiss(random);
					const line = sample.line ? miss : embeddings[n]!(miss);
					expect({ line, hits: scanForSecrets(line) }).toEqual({ line, hits: [] });
				}
			});
		});
	}
});

describe('token checks', () => {
	it('computes the standard CRC-32 and pads base62 to six digits', () => {
		// The CRC-32 check value from the ISO-HDLC catalogue entry.
		expect(crc32('123456789')).toBe(0xcbf43926);
		expect([base62(0, 6), base62(61, 6), base62(62, 6)]).toEqual(['000000', '00000z', '000010']);
	});

	it('accepts a GitHub checksum in either base62 digit order and nothing else', () => {
		const body = 'zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ';
		const upperFirst = base62(crc32(body), 6);
		const lowerFirst = base62(
			crc32(body),
			6,
			'0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'
		);
		expect([
			hasBase62Checksum(body + upperFirst),
			hasBase62Checksum(body + lowerFirst),
			hasBase62Checksum(body + '000000'),
			hasBase62Checksum('abc')
		]).toEqual([true, true, false, false]);
	});

	it('reads a JWT: signed yes; alg none, a non-JSON header and the jwt.io sample no', () => {
		const b64 = (value: object) =>
			btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
		const signature = 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
		const claims = b64({ sub: 'u-42', iat: 1 });
		expect([
			isSignedJwt(`${b64({ alg: 'HS256' })}.${claims}.${signature}`),
			isSignedJwt(`${b64({ alg: 'none' })}.${claims}.${signature}`),
			isSignedJwt(`eyJub3QganNvbg.${claims}.${signature}`),
			isSignedJwt(
				`${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: '1234567890', name: 'John Doe', iat: 1516239022 })}.${signature}`
			)
		]).toEqual([true, false, false, false]);
	});

	it('tells generated bodies from placeholders', () => {
		expect(
			[
				'Zq8vN3xL0pW5tR2yK7mB4cH9aB3d',
				'xxxxxxxxxxxxxxxxxxxxxxxxxxxx',
				'XXXXXXXXXXXXXXXXXXXXXXXX',
				'your_token_here_0123456789ab',
				'aBaBaBaBaBaBaBaBaBaBaBaB',
				'1234567890abcdefABCDEF123456',
				'<YOUR-TOKEN-HERE-PLEASE-123>',
				'${SLACK_BOT_TOKEN_VALUE_ABC}'
			].map(looksGenerated)
		).toEqual([true, false, false, false, false, false, false, false]);
	});
});

describe('published examples and placeholders stay quiet', () => {
	const quiet = [
		['AWS key id from the docs', 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE'],
		[
			'AWS secret from the docs',
			'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
		],
		['Google API-key page sample', 'key=AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe'],
		['an x-filled GitHub token', `token: ghp_${'x'.repeat(36)}`],
		['an X-filled AWS key id', `AWS_ACCESS_KEY_ID=AKIA${'X'.repeat(16)}`],
		['a Slack placeholder', 'SLACK_BOT_TOKEN=xoxb-your-bot-token'],
		[
			'a Slack webhook placeholder',
			`url: https://hooks.slack.com/services/T00000000/B00000000/${'X'.repeat(24)}`
		],
		['a Stripe test key', `STRIPE_KEY=sk_test_${'4eC39HqLyjWDarjtT1zdp7dc'}`],
		['an npm script variable', 'echo $npm_package_version $npm_config_registry_value_here_x'],
		['an OpenAI key placeholder', 'OPENAI_API_KEY=sk-...'],
		['a kebab-case sk- name', "import 'sk-learn-classification-metrics';"],
		['an AWS-prefixed constant made of words', 'REGION = ASIAPACIFICSOUTHEAST']
	] as const;
	for (const [name, line] of quiet) {
		it(name, () => expect(scanForSecrets(line)).toEqual([]));
	}

	it('reports a token the scan knows once, by its format, with the rest of the line kept', () => {
		const random = seeded(3);
		const stripe = samples.find((sample) => sample.kind === 'stripe-live-key')!.secret(random);
		expect(scanForSecrets(`Stripe.apiKey = "${stripe}"; // live`)).toEqual([
			hit('stripe-live-key', 'Stripe.apiKey = "[secret]"; // live')
		]);
	});
});

// The scan runs on every push, over whatever the agent wrote: a minified bundle, a generated
// fixture, a hostile line. Each line here is 1 MB built to make a backtracking regex or a
// per-match re-read of the line go quadratic; a scan that stays linear finishes each in well
// under a second, a quadratic one would run for minutes and hit the test timeout.
import { describe, expect, it } from 'vitest';
import { scanForSecrets } from '../../../src/lib/core/secrets/index.ts';
import { MAX_FINDINGS_PER_LINE } from '../../../src/lib/core/secrets/line-findings.ts';
import { BASE62, chars, seeded } from './synthetic-secrets.ts';

const MB = 1 << 20;
const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);

const quietLines: [string, () => string][] = [
	['one character', () => fill('a')],
	['random base62', () => chars(seeded(1), BASE62, MB)],
	['random base64 with separators', () => chars(seeded(2), BASE62 + '+/=-_.:@', MB)],
	['repeated token prefixes', () => fill('ghp_gho_npm_glpat-xoxb-sk-ant-sk-AIzaSG.hf_')],
	['a prefix then a run without an end', () => `ghp_${fill('A')}`],
	['JWT starts', () => fill('eyJ')],
	['a JWT header then a run', () => `eyJ${fill('a')}`],
	['JWT dots', () => fill('eyJhbGci.eyJ.')],
	['Slack id groups', () => fill('xoxb-1-')],
	['Slack webhook starts', () => fill('hooks.slack.com/services/T0000000/')],
	['secret names', () => fill('token')],
	['names with operators', () => fill('token=')],
	['names then spaces', () => `password${' '.repeat(MB)}`],
	['names with unclosed quotes', () => fill('secret="\\"')],
	['name, colon, type', () => fill('token: string ')],
	['XML openings', () => fill('<password>')],
	['appSettings pairs', () => fill('key="ApiKey" value=')],
	['URL schemes', () => fill('a://b:')],
	['a URL user then a run', () => `postgres://user:${fill('b')}`],
	['colons and at-signs', () => fill(':@')],
	['PEM headers', () => fill('-----BEGIN PRIVATE KEY-----')],
	['context names', () => fill('twilio_auth_token=aws_secret_access_key=')],
	['equals signs', () => fill('=')],
	['bot ids', () => fill('1234567890:AA')],
	['connection-string keys', () => fill('AccountKey=')],
	['Discord webhook starts', () => fill('discord.com/api/webhooks/12345678901234567890/')]
];

describe('a 1 MB adversarial line is scanned in linear time', () => {
	for (const [name, line] of quietLines) {
		it(name, () => {
			expect(scanForSecrets(line())).toEqual([]);
		});
	}

	it('a line of nothing but valid-looking AWS key ids reports the first ones', () => {
		const random = seeded(3);
		const ids = Array.from(
			{ length: MB / 21 },
			() => `AKIA${chars(random, 'ABCDEFGHJKLMNPQRSTUVWXYZ234567', 16)}`
		);
		const hits = scanForSecrets(ids.join(' '));
		expect(hits.length).toBe(MAX_FINDINGS_PER_LINE);
		expect(new Set(hits.map((hit) => hit.kind))).toEqual(new Set(['aws-access-key']));
	});
});

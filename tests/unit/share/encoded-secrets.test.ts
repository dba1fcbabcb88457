// A secret planted in every text field of a task, in every encoded form it travels in, is in
// none of them once the link is made: not in the link, its inflated JSON, or the decoded task.
import { inflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
	decodeShare,
	encodeShare,
	SHARE_CAPS,
	toSharedTask,
	type ShareSource
} from '../../../src/lib/core/share/index.ts';
import { encodedPlants, leaksOf } from '../secrets/leaks.ts';

const envValue = 'pg-PLANTED-pass~4711?';
const setupSecret = 'npm_PLANTED/setup+secret';
const apiKey = 'sk-PLANTED-key 0001';
const secrets = [envValue, setupSecret, apiKey];

/** Every form of every secret, joined: what goes into each field. */
const all = secrets.flatMap(encodedPlants).join(' | ');

// The title is the prompt's first line, cut with `…` halfway through the API key.
const firstLine = `Rotate the ${apiKey} key`;
const cutTitle = `${firstLine.slice(0, 'Rotate the sk-PLANT'.length)}…`;

const source: ShareSource = {
	environment: {
		repoUrl: `https://github.com/acme/${encodeURIComponent(apiKey)}`,
		setupScript: `echo ${all}`,
		envVars: [
			{ name: 'DATABASE_URL', value: envValue },
			{ name: `NAME_${Buffer.from(apiKey).toString('base64url')}`, value: 'x' }
		],
		setupSecrets: [{ name: `S_${setupSecret}`, value: setupSecret }],
		agentPolicy: { access: 'on', preset: 'none', domains: [`${apiKey}.test`], methods: 'read' },
		runtime: 'lite'
	},
	task: {
		title: cutTitle,
		prompt: `${firstLine}\n\n${all}`,
		mode: 'code',
		branch: `feature/${envValue}`
	},
	followUps: [all, `again: ${all}`],
	result: {
		summary: all,
		patch: `+const auth = '${all}';\n`,
		logExcerpt: all,
		model: `model-${apiKey}`,
		networkAudit: [
			{ method: `GET ${apiKey}`, url: `https://x.test/?q=${all}`, allowed: false, reason: all }
		]
	}
};

describe('share links carry no secret in any encoded form', () => {
	it('the plants really give every secret away, in every form', () => {
		expect(leaksOf(JSON.stringify(source), secrets)).toStrictEqual(
			Object.fromEntries(secrets.map((secret) => [secret, ['plain', 'uri', 'form', 'base64']]))
		);
	});

	it('none of them is in the link, its inflated JSON or the decoded task', () => {
		const shared = toSharedTask(source, { secrets: [apiKey] });
		const link = encodeShare(shared);
		const inflated = new TextDecoder().decode(inflateSync(Buffer.from(link.slice(4), 'base64url')));
		const decoded = decodeShare(link);
		expect(decoded).toStrictEqual(shared);
		expect({
			link: leaksOf(link, secrets),
			inflated: leaksOf(inflated, secrets),
			decoded: leaksOf(JSON.stringify(decoded), secrets)
		}).toStrictEqual({ link: {}, inflated: {}, decoded: {} });
	});

	it('masks the cut title from the whole first line, and names, branch, domains and model', () => {
		const shared = toSharedTask(source, { secrets: [apiKey] });
		expect({
			title: shared.title,
			branch: shared.branch,
			repoUrl: shared.repoUrl,
			names: [...shared.environment.envVarNames, ...shared.environment.setupSecretNames],
			domains: shared.environment.network.domains,
			model: shared.result?.model
		}).toStrictEqual({
			title: 'Rotate the [secret]…',
			branch: 'feature/[secret]',
			repoUrl: 'https://github.com/acme/[secret]',
			// The last base64 character holds the secret's last bits and zero padding: it gives nothing away.
			names: ['DATABASE_URL', 'NAME_[secret]Q', 'S_[secret]'],
			domains: ['[secret].test'],
			model: 'model-[secret]'
		});
	});

	it('keeps the network audit within its cap, blocked entries first, and clips long URLs', () => {
		const entry = (index: number, allowed: boolean) => ({
			method: 'GET',
			url: `https://x.test/${index}`,
			allowed,
			reason: allowed ? 'allowed' : 'blocked'
		});
		const max = SHARE_CAPS.networkAudit.items;
		const audit = [
			...Array.from({ length: max }, (_, index) => entry(index, true)),
			entry(max, false),
			{ ...entry(max + 1, false), url: `https://x.test/${'a'.repeat(SHARE_CAPS.auditUrl.chars)}` }
		];
		const shared = toSharedTask({ ...source, result: { summary: '', networkAudit: audit } });
		const kept = shared.result?.networkAudit ?? [];
		expect({
			count: kept.length,
			first: kept[0],
			lastTwo: kept.slice(-2).map((item) => ({ ...item, url: item.url.length }))
		}).toStrictEqual({
			count: max,
			first: entry(0, true),
			lastTwo: [
				{ ...entry(max, false), url: `https://x.test/${max}`.length },
				{ ...entry(max + 1, false), url: SHARE_CAPS.auditUrl.chars }
			]
		});
	});

	it('clips a summary and a log excerpt over their caps, after masking', () => {
		const long = (cap: number) => `${apiKey} ${'y'.repeat(cap)}`;
		const shared = toSharedTask(
			{
				...source,
				result: {
					summary: long(SHARE_CAPS.summary.chars),
					logExcerpt: long(SHARE_CAPS.logExcerpt.chars)
				}
			},
			{ secrets: [apiKey] }
		);
		const clipped = (cap: number) => `[secret] ${'y'.repeat(cap - '[secret] '.length - 1)}…`;
		expect(shared.result).toStrictEqual({
			summary: clipped(SHARE_CAPS.summary.chars),
			logExcerpt: clipped(SHARE_CAPS.logExcerpt.chars)
		});
	});
});

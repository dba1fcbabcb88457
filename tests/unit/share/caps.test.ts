// Every list and text in a link has a cap: a link at the cap opens, one over it is refused with
// a message that says what and how much, before any item of an over-long list is read.
import { describe, expect, it } from 'vitest';
import {
	decodeShare,
	encodeShare,
	SHARE_CAPS,
	type ListCap,
	type SharedTask,
	type TextCap
} from '../../../src/lib/core/share/index.ts';
import { errorOf, invalidError, linkOfJson, sampleTask } from './helpers.ts';

type Doc = Record<string, unknown>;
type Field = { path: string; cap: TextCap | ListCap; get: (d: Doc) => Doc; key: string | number };

const env = (d: Doc) => d.environment as Doc;
const result = (d: Doc) => d.result as Doc;
const at = (list: (d: Doc) => unknown) => (d: Doc) => list(d) as Doc;
const top = (d: Doc) => d;

// Each field's path, its cap, and where it sits (its parent in the document and its key).
const fields: Field[] = [
	{ path: 'title', cap: SHARE_CAPS.title, get: top, key: 'title' },
	{ path: 'repoUrl', cap: SHARE_CAPS.repoUrl, get: top, key: 'repoUrl' },
	{ path: 'branch', cap: SHARE_CAPS.branch, get: top, key: 'branch' },
	{ path: 'prompt', cap: SHARE_CAPS.prompt, get: top, key: 'prompt' },
	{ path: 'followUps', cap: SHARE_CAPS.followUps, get: top, key: 'followUps' },
	{ path: 'followUps[0]', cap: SHARE_CAPS.followUp, get: at((d) => d.followUps), key: 0 },
	{ path: 'environment.setupScript', cap: SHARE_CAPS.setupScript, get: env, key: 'setupScript' },
	{ path: 'environment.envVarNames', cap: SHARE_CAPS.envVarNames, get: env, key: 'envVarNames' },
	{
		path: 'environment.envVarNames[0]',
		cap: SHARE_CAPS.variableName,
		get: at((d) => env(d).envVarNames),
		key: 0
	},
	{
		path: 'environment.setupSecretNames',
		cap: SHARE_CAPS.setupSecretNames,
		get: env,
		key: 'setupSecretNames'
	},
	{
		path: 'environment.setupSecretNames[0]',
		cap: SHARE_CAPS.variableName,
		get: at((d) => env(d).setupSecretNames),
		key: 0
	},
	{
		path: 'environment.network.domains',
		cap: SHARE_CAPS.domains,
		get: at((d) => env(d).network),
		key: 'domains'
	},
	{
		path: 'environment.network.domains[0]',
		cap: SHARE_CAPS.domain,
		get: at((d) => (env(d).network as Doc).domains),
		key: 0
	},
	{ path: 'result.summary', cap: SHARE_CAPS.summary, get: result, key: 'summary' },
	{ path: 'result.patch', cap: SHARE_CAPS.patch, get: result, key: 'patch' },
	{ path: 'result.logExcerpt', cap: SHARE_CAPS.logExcerpt, get: result, key: 'logExcerpt' },
	{ path: 'result.model', cap: SHARE_CAPS.model, get: result, key: 'model' },
	{ path: 'result.networkAudit', cap: SHARE_CAPS.networkAudit, get: result, key: 'networkAudit' },
	...(['method', 'url', 'reason'] as const).map((key) => ({
		path: `result.networkAudit[0].${key}`,
		cap: {
			method: SHARE_CAPS.auditMethod,
			url: SHARE_CAPS.auditUrl,
			reason: SHARE_CAPS.auditReason
		}[key],
		get: at((d) => (result(d).networkAudit as Doc[])[0]),
		key
	}))
];

/** The sample task with one field set to `size` characters or items. */
function taskWith(field: Field, size: number): SharedTask {
	const task = structuredClone(sampleTask) as unknown as Doc;
	const parent = field.get(task) as Record<string | number, unknown>;
	const current = parent[field.key];
	if ('items' in field.cap) {
		const item = (current as unknown[])[0];
		parent[field.key] = Array.from({ length: size }, () => structuredClone(item));
	} else {
		// A URL must still look like one; the rest is padding.
		const prefix = field.key === 'repoUrl' || field.key === 'url' ? 'https://x.test/' : '';
		parent[field.key] = prefix + 'a'.repeat(size - prefix.length);
	}
	return task as unknown as SharedTask;
}

const limit = (cap: TextCap | ListCap) => ('items' in cap ? cap.items : cap.chars);

function overCapMessage(cap: TextCap | ListCap, size: number): string {
	const n = (value: number) => value.toLocaleString('en-US');
	return 'items' in cap
		? `This link has ${n(size)} ${cap.plural}; at most ${n(cap.items)} are allowed.`
		: `${cap.what} is ${n(size)} characters long; at most ${n(cap.chars)} are allowed.`;
}

/** Every string and array in a task, as a path like `result.networkAudit[0].url`. */
function textAndListPaths(value: unknown, path = ''): string[] {
	if (typeof value === 'string') return [path];
	if (Array.isArray(value)) {
		return [path, ...value.slice(0, 1).flatMap((item) => textAndListPaths(item, `${path}[0]`))];
	}
	if (typeof value !== 'object' || value === null) return [];
	return Object.entries(value).flatMap(([key, child]) =>
		textAndListPaths(child, path === '' ? key : `${path}.${key}`)
	);
}

// The enums are strings too, but a closed set of short values: their cap is the set itself.
const enums = ['mode', 'environment.network.access', 'environment.network.preset'];
const moreEnums = ['environment.network.methods', 'environment.runtime'];

describe('share link caps', () => {
	it('the table covers every text and list a task holds', () => {
		const paths = textAndListPaths(sampleTask).filter(
			(path) => ![...enums, ...moreEnums].includes(path)
		);
		expect(fields.map((field) => field.path).sort()).toStrictEqual(paths.sort());
	});

	for (const field of fields) {
		const cap = limit(field.cap);
		it(`${field.path}: ${cap.toLocaleString('en-US')} ${'items' in field.cap ? 'items' : 'characters'} open, one more is refused`, () => {
			const atCap = taskWith(field, cap);
			expect(decodeShare(encodeShare(atCap))).toStrictEqual(atCap);
			const over = taskWith(field, cap + 1);
			const error = invalidError(field.path, overCapMessage(field.cap, cap + 1));
			expect(errorOf(() => decodeShare(linkOfJson({ version: 1, ...over })))).toStrictEqual(error);
			expect(errorOf(() => encodeShare(over))).toStrictEqual(error);
		});
	}

	it('refuses 100,000 follow-ups by their count, before reading any of them', () => {
		// Not one of them is even a string: the count alone decides.
		const document = { version: 1, ...sampleTask, followUps: Array(100_000).fill(7) };
		const link = linkOfJson(document);
		expect(link.length < 2_000).toBe(true);
		expect(errorOf(() => decodeShare(link))).toStrictEqual(
			invalidError('followUps', 'This link has 100,000 follow-ups; at most 200 are allowed.')
		);
	});
});

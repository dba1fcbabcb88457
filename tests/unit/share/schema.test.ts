// The schema is checked field by field on both sides: decodeShare on what a link holds,
// encodeShare on what it is given. Every error names the field path.
import { describe, expect, it } from 'vitest';
import {
	decodeShare,
	encodeShare,
	validateSharedTask,
	type SharedTask
} from '../../../src/lib/core/share/index.ts';
import {
	errorOf,
	invalidError,
	linkOfJson,
	sampleTask,
	shareError,
	type ErrorData
} from './helpers.ts';

/** The sample task as a version 1 document, with `change` applied to a deep copy. */
function documentWith(change: (document: Record<string, unknown>) => void): unknown {
	const document: Record<string, unknown> = { version: 1, ...structuredClone(sampleTask) };
	change(document);
	return document;
}

function decodeError(document: unknown): ErrorData {
	return errorOf(() => decodeShare(linkOfJson(document)));
}

type Loose = Record<string, Record<string, Record<string, unknown>>>;

const cases: { name: string; change: (document: Loose) => void; error: ErrorData }[] = [
	{
		name: 'a count of the wrong type',
		change: (d) => (d.result!.usage!.totalTokens = '1500'),
		error: invalidError('result.usage.totalTokens', 'result.usage.totalTokens must be a number')
	},
	{
		name: 'a negative count',
		change: (d) => (d.result!.usage!.promptTokens = -1),
		error: invalidError(
			'result.usage.promptTokens',
			'result.usage.promptTokens must be a whole number ≥ 0'
		)
	},
	{
		name: 'a fractional count',
		change: (d) => (d.result!.usage!.completionTokens = 1.5),
		error: invalidError(
			'result.usage.completionTokens',
			'result.usage.completionTokens must be a whole number ≥ 0'
		)
	},
	{
		name: 'a negative duration',
		change: (d) => (d.result!.timings!.agentMs = -3),
		error: invalidError(
			'result.timings.agentMs',
			'result.timings.agentMs must be a finite number ≥ 0'
		)
	},
	{
		name: 'a title that is not a string',
		change: (d) => ((d as Record<string, unknown>).title = 42),
		error: invalidError('title', 'title must be a string')
	},
	{
		name: 'a follow-up that is not a string',
		change: (d) => ((d as Record<string, unknown>).followUps = ['ok', null]),
		error: invalidError('followUps[1]', 'followUps[1] must be a string')
	},
	{
		name: 'follow-ups that are not an array',
		change: (d) => ((d as Record<string, unknown>).followUps = 'do more'),
		error: invalidError('followUps', 'followUps must be an array')
	},
	{
		name: 'an unknown mode',
		change: (d) => ((d as Record<string, unknown>).mode = 'edit'),
		error: invalidError('mode', "mode must be one of 'code', 'ask'")
	},
	{
		name: 'an unknown network access',
		change: (d) => (d.environment!.network!.access = 'maybe'),
		error: invalidError(
			'environment.network.access',
			"environment.network.access must be one of 'off', 'on'"
		)
	},
	{
		name: 'an audit entry with a string for allowed',
		change: (d) =>
			((d.result!.networkAudit as unknown as Record<string, unknown>[])[1]!.allowed = 'no'),
		error: invalidError(
			'result.networkAudit[1].allowed',
			'result.networkAudit[1].allowed must be a boolean'
		)
	},
	{
		name: 'an environment that is an array',
		change: (d) => ((d as Record<string, unknown>).environment = []),
		error: invalidError('environment', 'environment must be an object')
	},
	{
		name: 'an extra top-level field',
		change: (d) => ((d as Record<string, unknown>).apiKey = 'sk-live-123456'),
		error: invalidError('apiKey', 'apiKey is not a known field')
	},
	{
		name: 'env var values riding along in the environment',
		change: (d) => (d.environment!.envVars = { CI: '1' }),
		error: invalidError('environment.envVars', 'environment.envVars is not a known field')
	},
	{
		name: 'an extra field deep in the result',
		change: (d) => (d.result!.usage!.costUsd = 0.12),
		error: invalidError('result.usage.costUsd', 'result.usage.costUsd is not a known field')
	},
	{
		name: 'a __proto__ field',
		change: (d) => (d.result!.timings = JSON.parse('{"totalMs":1,"__proto__":{"x":1}}')),
		error: invalidError('result.timings.__proto__', 'result.timings.__proto__ is not a known field')
	},
	{
		name: 'a missing title',
		change: (d) => delete (d as Record<string, unknown>).title,
		error: invalidError('title', 'title is missing')
	},
	{
		name: 'a missing network policy',
		change: (d) => delete d.environment!.network,
		error: invalidError('environment.network', 'environment.network is missing')
	},
	{
		name: 'a result without a summary',
		change: (d) => delete d.result!.summary,
		error: invalidError('result.summary', 'result.summary is missing')
	},
	{
		name: 'a repo URL with a token in it',
		change: (d) => ((d as Record<string, unknown>).repoUrl = 'https://ghp_abc@github.com/a/b'),
		error: invalidError('repoUrl', 'repoUrl must not carry credentials')
	},
	{
		name: 'an audited URL with a password in it',
		change: (d) => {
			const audit = d.result!.networkAudit as unknown as Record<string, unknown>[];
			audit[0]!.url = 'http://user:pw@example.com/';
		},
		error: invalidError(
			'result.networkAudit[0].url',
			'result.networkAudit[0].url must not carry credentials'
		)
	}
];

describe('schema errors', () => {
	for (const { name, change, error } of cases) {
		it(`decodeShare rejects ${name}`, () => {
			expect(decodeError(documentWith((d) => change(d as Loose)))).toStrictEqual(error);
		});

		it(`encodeShare rejects ${name}`, () => {
			const { version: _version, ...task } = documentWith((d) => change(d as Loose)) as Record<
				string,
				unknown
			>;
			expect(errorOf(() => encodeShare(task as SharedTask))).toStrictEqual(error);
		});
	}
});

describe('document shape and version', () => {
	it('rejects JSON that is not an object', () => {
		const notObject = invalidError('', 'task must be a JSON object');
		for (const document of [[1, 2], 'task', null, 42, true]) {
			expect(decodeError(document)).toStrictEqual(notObject);
		}
	});

	it('rejects a missing or non-numeric version', () => {
		expect(decodeError({ ...sampleTask })).toStrictEqual(
			invalidError('version', 'version is missing')
		);
		expect(decodeError({ version: '1', ...sampleTask })).toStrictEqual(
			invalidError('version', 'version must be a number')
		);
	});

	it('rejects versions it does not know', () => {
		expect(decodeError({ version: 99, ...sampleTask })).toStrictEqual(
			shareError(
				'unsupported-version',
				'This link was made by a newer Patchbay (schema version 99); this Patchbay reads version 1.'
			)
		);
		expect(decodeError({ version: 0, ...sampleTask })).toStrictEqual(
			shareError(
				'unsupported-version',
				'This link has an unknown schema version, 0; this Patchbay reads version 1.'
			)
		);
	});

	it('refuses a version field on the task given to encodeShare', () => {
		const withVersion = { ...sampleTask, version: 1 };
		expect(errorOf(() => encodeShare(withVersion))).toStrictEqual(
			invalidError('version', 'version is not a known field')
		);
	});

	it('validateSharedTask returns a fresh copy with only the known fields', () => {
		const copy = validateSharedTask(sampleTask);
		expect(copy).toStrictEqual(sampleTask);
		expect(copy === sampleTask || copy.environment === sampleTask.environment).toBe(false);
	});
});

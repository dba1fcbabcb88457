// The version 1 schema, checked field by field. Frozen once links exist in the wild: a v2
// adds its own validator and a v1 → v2 migration instead of changing this one.
import {
	FieldReader,
	invalid,
	readArray,
	readBoolean,
	readCount,
	readDuration,
	readOneOf,
	readString,
	withoutUndefined,
	type Read
} from './read-fields.ts';
import type {
	SharedAuditEntry,
	SharedEnvironment,
	SharedNetworkPolicy,
	SharedResult,
	SharedTaskV1,
	SharedTimings,
	SharedUsage
} from './schema.ts';
import { hasCredentials } from './url-credentials.ts';

const readStrings = readArray(readString);

const readUrl: Read<string> = (value, path) => {
	const url = readString(value, path);
	return hasCredentials(url) ? invalid(path, 'must not carry credentials') : url;
};

const readPolicy: Read<SharedNetworkPolicy> = (value, path) => {
	const fields = new FieldReader(value, path, ['access', 'preset', 'domains', 'methods']);
	return {
		access: fields.required('access', readOneOf(['off', 'on'])),
		preset: fields.required('preset', readOneOf(['none', 'common', 'all'])),
		domains: fields.required('domains', readStrings),
		methods: fields.required('methods', readOneOf(['read', 'all']))
	};
};

const environmentFields = ['setupScript', 'envVarNames', 'setupSecretNames', 'network', 'runtime'];

const readEnvironment: Read<SharedEnvironment> = (value, path) => {
	const fields = new FieldReader(value, path, environmentFields);
	return {
		setupScript: fields.required('setupScript', readString),
		envVarNames: fields.required('envVarNames', readStrings),
		setupSecretNames: fields.required('setupSecretNames', readStrings),
		network: fields.required('network', readPolicy),
		runtime: fields.required('runtime', readOneOf(['auto', 'webcontainer', 'lite']))
	};
};

const readUsage: Read<SharedUsage> = (value, path) => {
	const fields = new FieldReader(value, path, ['promptTokens', 'completionTokens', 'totalTokens']);
	return {
		promptTokens: fields.required('promptTokens', readCount),
		completionTokens: fields.required('completionTokens', readCount),
		totalTokens: fields.required('totalTokens', readCount)
	};
};

const readTimings: Read<SharedTimings> = (value, path) => {
	const fields = new FieldReader(value, path, ['totalMs', 'cloneMs', 'setupMs', 'agentMs']);
	return withoutUndefined({
		totalMs: fields.required('totalMs', readDuration),
		cloneMs: fields.optional('cloneMs', readDuration),
		setupMs: fields.optional('setupMs', readDuration),
		agentMs: fields.optional('agentMs', readDuration)
	});
};

const readAuditEntry: Read<SharedAuditEntry> = (value, path) => {
	const fields = new FieldReader(value, path, ['method', 'url', 'allowed', 'reason']);
	return {
		method: fields.required('method', readString),
		url: fields.required('url', readUrl),
		allowed: fields.required('allowed', readBoolean),
		reason: fields.required('reason', readString)
	};
};

const resultFields = [
	'summary',
	'patch',
	'logExcerpt',
	'model',
	'usage',
	'timings',
	'networkAudit'
];

const readResult: Read<SharedResult> = (value, path) => {
	const fields = new FieldReader(value, path, resultFields);
	return withoutUndefined({
		summary: fields.required('summary', readString),
		patch: fields.optional('patch', readString),
		logExcerpt: fields.optional('logExcerpt', readString),
		model: fields.optional('model', readString),
		usage: fields.optional('usage', readUsage),
		timings: fields.optional('timings', readTimings),
		networkAudit: fields.optional('networkAudit', readArray(readAuditEntry))
	});
};

const taskFields = [
	'title',
	'repoUrl',
	'branch',
	'mode',
	'prompt',
	'followUps',
	'environment',
	'result'
];

/** A version 1 task (without the document's `version` field), or a ShareError `invalid`. */
export function validateTaskV1(value: unknown): SharedTaskV1 {
	const fields = new FieldReader(value, '', taskFields);
	return withoutUndefined({
		title: fields.required('title', readString),
		repoUrl: fields.required('repoUrl', readUrl),
		branch: fields.required('branch', readString),
		mode: fields.required('mode', readOneOf(['code', 'ask'])),
		prompt: fields.required('prompt', readString),
		followUps: fields.required('followUps', readStrings),
		environment: fields.required('environment', readEnvironment),
		result: fields.optional('result', readResult)
	});
}

// The version 1 schema, checked field by field. Frozen once links exist in the wild: a v2
// adds its own validator and a v1 → v2 migration instead of changing this one. (The caps came
// after the first links; a link over one was never one this app could make or show safely.)
import { SHARE_CAPS as caps, type TextCap } from './limits.ts';
import {
	FieldReader,
	invalid,
	readArray,
	readBoolean,
	readCount,
	readDuration,
	readOneOf,
	readText,
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

function readUrl(cap: TextCap): Read<string> {
	const readCapped = readText(cap);
	return (value, path) => {
		const url = readCapped(value, path);
		return hasCredentials(url) ? invalid(path, 'must not carry credentials') : url;
	};
}

const readPolicy: Read<SharedNetworkPolicy> = (value, path) => {
	const fields = new FieldReader(value, path, ['access', 'preset', 'domains', 'methods']);
	return {
		access: fields.required('access', readOneOf(['off', 'on'])),
		preset: fields.required('preset', readOneOf(['none', 'common', 'all'])),
		domains: fields.required('domains', readArray(readText(caps.domain), caps.domains)),
		methods: fields.required('methods', readOneOf(['read', 'all']))
	};
};

const environmentFields = ['setupScript', 'envVarNames', 'setupSecretNames', 'network', 'runtime'];

const readName = readText(caps.variableName);

const readEnvironment: Read<SharedEnvironment> = (value, path) => {
	const fields = new FieldReader(value, path, environmentFields);
	return {
		setupScript: fields.required('setupScript', readText(caps.setupScript)),
		envVarNames: fields.required('envVarNames', readArray(readName, caps.envVarNames)),
		setupSecretNames: fields.required(
			'setupSecretNames',
			readArray(readName, caps.setupSecretNames)
		),
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
		method: fields.required('method', readText(caps.auditMethod)),
		url: fields.required('url', readUrl(caps.auditUrl)),
		allowed: fields.required('allowed', readBoolean),
		reason: fields.required('reason', readText(caps.auditReason))
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
		summary: fields.required('summary', readText(caps.summary)),
		patch: fields.optional('patch', readText(caps.patch)),
		logExcerpt: fields.optional('logExcerpt', readText(caps.logExcerpt)),
		model: fields.optional('model', readText(caps.model)),
		usage: fields.optional('usage', readUsage),
		timings: fields.optional('timings', readTimings),
		networkAudit: fields.optional('networkAudit', readArray(readAuditEntry, caps.networkAudit))
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
		title: fields.required('title', readText(caps.title)),
		repoUrl: fields.required('repoUrl', readUrl(caps.repoUrl)),
		branch: fields.required('branch', readText(caps.branch)),
		mode: fields.required('mode', readOneOf(['code', 'ask'])),
		prompt: fields.required('prompt', readText(caps.prompt)),
		followUps: fields.required('followUps', readArray(readText(caps.followUp), caps.followUps)),
		environment: fields.required('environment', readEnvironment),
		result: fields.optional('result', readResult)
	});
}

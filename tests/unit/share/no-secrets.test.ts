// Secrets never reach a link: the builder copies allowed fields only, and masks every secret
// value it can see (plus the caller's) wherever it appears in text.
import { inflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
	decodeShare,
	encodeShare,
	toSharedTask,
	type ShareSource,
	type SharedTask
} from '../../../src/lib/core/share/index.ts';
import type { EnvironmentRecord, Settings, TaskRecord } from '../../../src/lib/core/store/index.ts';
import { errorOf, invalidError } from './helpers.ts';

const apiKey = 'sk-live-PLANTED-api-key-0001';
const githubToken = 'ghp_PLANTEDgithubToken000000000000000002';
const setupSecret = 'npm_PLANTED_setup_secret_0003';
const envValue = 'postgres://app:PLANTED-db-pass-0004@db.internal/prod';
const planted = [apiKey, githubToken, setupSecret, envValue];

const settings: Settings = {
	model: {
		baseURL: 'https://api.openai.com/v1',
		apiKey,
		model: 'gpt-4.1',
		maxConcurrentAttempts: 2,
		connectTimeoutSeconds: 60,
		idleTimeoutSeconds: 90
	},
	github: { token: githubToken, apiBase: 'https://api.github.com' },
	git: { corsProxy: '', hosts: [] },
	storage: { snapshotMaxAgeHours: 12 },
	costs: { prices: [], defaultBudget: null },
	tools: { mcpServers: [] }
};

const environment: EnvironmentRecord = {
	id: 'env1',
	name: 'demo',
	repoUrl: `https://${githubToken}@github.com/acme/demo`,
	defaultBranch: 'main',
	setupScript: `echo ${setupSecret} > .npmrc && npm ci`,
	envVars: [
		{ name: 'DATABASE_URL', value: envValue },
		{ name: 'CI', value: '1' }
	],
	setupSecrets: [{ name: 'NPM_TOKEN', value: setupSecret }],
	// A policy object that also carries something it should not: only four fields are copied.
	agentPolicy: {
		access: 'on',
		preset: 'none',
		domains: ['api.github.com'],
		methods: 'all',
		auth: apiKey
	} as EnvironmentRecord['agentPolicy'],
	runtime: 'lite',
	createdAt: 1,
	updatedAt: 2
};

const task: TaskRecord = {
	id: 'task1',
	title: 'Rotate the key',
	prompt: `Replace ${apiKey} with a read from the environment. DB is ${envValue}; CI=1.`,
	mode: 'code',
	environmentId: 'env1',
	branch: 'main',
	attemptCount: 1,
	createdAt: 1,
	updatedAt: 2
};

// As the app might hold it: extra fields (request headers) next to the shareable ones.
const result = {
	summary: `Removed ${setupSecret} from the setup.`,
	patch: `-const key = '${apiKey}';\n+const key = process.env.KEY;\n-const db = '${envValue}';\n`,
	logExcerpt: `$ git push https://x-access-token:${githubToken}@github.com/acme/demo`,
	model: 'gpt-4.1',
	usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15, apiKeyUsed: apiKey },
	timings: { totalMs: 1000 },
	networkAudit: [
		{
			method: 'GET',
			url: `https://user:${githubToken}@github.com/acme/demo.git/info/refs`,
			allowed: true,
			reason: 'domain allowed',
			headers: { authorization: `Bearer ${apiKey}` }
		},
		{ method: 'GET', url: `https://x.test/?key=${apiKey}`, allowed: false, reason: 'blocked' }
	],
	headers: { authorization: `Bearer ${apiKey}` }
};

const source: ShareSource = {
	environment,
	task,
	followUps: [`Use ${githubToken} for nothing.`],
	result
};
const secrets = [settings.model.apiKey, settings.github.token];

const expected: SharedTask = {
	title: 'Rotate the key',
	repoUrl: 'https://github.com/acme/demo',
	branch: 'main',
	mode: 'code',
	prompt: 'Replace [secret] with a read from the environment. DB is [secret]; CI=1.',
	followUps: ['Use [secret] for nothing.'],
	environment: {
		setupScript: 'echo [secret] > .npmrc && npm ci',
		envVarNames: ['DATABASE_URL', 'CI'],
		setupSecretNames: ['NPM_TOKEN'],
		network: { access: 'on', preset: 'none', domains: ['api.github.com'], methods: 'all' },
		runtime: 'lite'
	},
	result: {
		summary: 'Removed [secret] from the setup.',
		patch: "-const key = '[secret]';\n+const key = process.env.KEY;\n-const db = '[secret]';\n",
		logExcerpt: '$ git push https://x-access-token:[secret]@github.com/acme/demo',
		model: 'gpt-4.1',
		usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15 },
		timings: { totalMs: 1000 },
		networkAudit: [
			{
				method: 'GET',
				url: 'https://github.com/acme/demo.git/info/refs',
				allowed: true,
				reason: 'domain allowed'
			},
			{ method: 'GET', url: 'https://x.test/?key=[secret]', allowed: false, reason: 'blocked' }
		]
	}
};

function found(text: string): string[] {
	return planted.filter((secret) => text.includes(secret));
}

describe('share links carry no secrets', () => {
	it('the planted values are where a careless copy would pick them up', () => {
		expect(found(JSON.stringify({ settings, source }))).toStrictEqual(planted);
	});

	it('toSharedTask copies allowed fields only and masks the secret values', () => {
		expect(toSharedTask(source, { secrets })).toStrictEqual(expected);
	});

	it('none of them is in the link, its inflated JSON, or the decoded task', () => {
		const link = encodeShare(toSharedTask(source, { secrets }));
		const inflated = new TextDecoder().decode(inflateSync(Buffer.from(link.slice(4), 'base64url')));
		const decoded = decodeShare(link);
		expect(decoded).toStrictEqual(expected);
		expect({
			link: found(link),
			inflated: found(inflated),
			decoded: found(JSON.stringify(decoded))
		}).toStrictEqual({ link: [], inflated: [], decoded: [] });
	});

	it('masks the API key and token only when the caller passes them', () => {
		const unmasked = JSON.stringify(toSharedTask(source));
		expect(found(unmasked)).toStrictEqual([apiKey, githubToken]);
	});

	it('reports a source that does not fit the schema with the field path', () => {
		const badPolicy = {
			...environment,
			agentPolicy: { ...(environment.agentPolicy as object), access: 'sometimes' }
		};
		expect(errorOf(() => toSharedTask({ environment: badPolicy, task }))).toStrictEqual(
			invalidError(
				'environment.network.access',
				"environment.network.access must be one of 'off', 'on'"
			)
		);
	});
});

// Builds a SharedTask from the app's own records, which hold secrets (env var values,
// setup secrets) next to what may be shared. Only allowed fields are copied, by name; every
// secret value the builder can see, plus the caller's, is masked in the free text.
import { secretMasker } from '../secrets/index.ts';
import type {
	SharedAuditEntry,
	SharedRuntime,
	SharedTask,
	SharedTimings,
	SharedUsage
} from './schema.ts';
import { stripCredentials } from './url-credentials.ts';
import { validateSharedTask } from './versions.ts';

export type NamedValue = { name: string; value: string };

/** Fits core/store's `EnvironmentRecord`. */
export type ShareSourceEnvironment = {
	repoUrl: string;
	setupScript: string;
	envVars: readonly NamedValue[];
	setupSecrets: readonly NamedValue[];
	/** A `NetworkPolicy`; only its four fields are read. */
	agentPolicy: unknown;
	runtime: SharedRuntime;
};

/** Fits core/store's `TaskRecord`. */
export type ShareSourceTask = {
	title: string;
	prompt: string;
	mode: 'code' | 'ask';
	branch: string;
};

export type ShareSourceResult = {
	summary: string;
	patch?: string;
	logExcerpt?: string;
	model?: string;
	usage?: SharedUsage;
	timings?: SharedTimings;
	networkAudit?: readonly SharedAuditEntry[];
};

export type ShareSource = {
	environment: ShareSourceEnvironment;
	task: ShareSourceTask;
	followUps?: readonly string[];
	result?: ShareSourceResult;
};

export type ShareBuildOptions = {
	/** More values to mask, e.g. the model API key and the GitHub token. */
	secrets?: readonly string[];
};

type Mask = (text: string) => string;

/**
 * The shareable part of a task. Masks the environment's env var and setup secret values and
 * `options.secrets` wherever they appear in text, and strips credentials from URLs. Throws
 * ShareError `invalid` (paths as in SharedTask) when the source does not fit the schema.
 */
export function toSharedTask(source: ShareSource, options: ShareBuildOptions = {}): SharedTask {
	const { environment, task } = source;
	const mask = secretMasker([
		...(options.secrets ?? []),
		...environment.envVars.map((envVar) => envVar.value),
		...environment.setupSecrets.map((secret) => secret.value)
	]);
	return validateSharedTask({
		title: mask(task.title),
		repoUrl: mask(stripCredentials(environment.repoUrl)),
		branch: task.branch,
		mode: task.mode,
		prompt: mask(task.prompt),
		followUps: (source.followUps ?? []).map(mask),
		environment: {
			setupScript: mask(environment.setupScript),
			envVarNames: environment.envVars.map((envVar) => envVar.name),
			setupSecretNames: environment.setupSecrets.map((secret) => secret.name),
			network: pickPolicy(environment.agentPolicy),
			runtime: environment.runtime
		},
		result: source.result && pickResult(source.result, mask)
	});
}

function pickPolicy(policy: unknown): unknown {
	if (typeof policy !== 'object' || policy === null) return policy;
	const { access, preset, domains, methods } = policy as Record<string, unknown>;
	return { access, preset, domains, methods };
}

function pickResult(result: ShareSourceResult, mask: Mask): Record<string, unknown> {
	const { usage, timings } = result;
	return {
		summary: mask(result.summary),
		patch: maybe(result.patch, mask),
		logExcerpt: maybe(result.logExcerpt, mask),
		model: result.model,
		usage: usage && {
			promptTokens: usage.promptTokens,
			completionTokens: usage.completionTokens,
			totalTokens: usage.totalTokens
		},
		timings: timings && {
			totalMs: timings.totalMs,
			cloneMs: timings.cloneMs,
			setupMs: timings.setupMs,
			agentMs: timings.agentMs
		},
		networkAudit: result.networkAudit?.map((entry) => ({
			method: entry.method,
			url: mask(stripCredentials(entry.url)),
			allowed: entry.allowed,
			reason: mask(entry.reason)
		}))
	};
}

function maybe(text: string | undefined, mask: Mask): string | undefined {
	return text === undefined ? undefined : mask(text);
}

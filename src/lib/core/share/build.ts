// Builds a SharedTask from the app's own records, which hold secrets (env var values,
// setup secrets) next to what may be shared. Only allowed fields are copied, by name; every
// secret value the builder can see, plus the caller's, is masked in every text field.
import { maskCutLine, secretMasker } from '../secrets/index.ts';
import { SHARE_CAPS, type TextCap } from './limits.ts';
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
	/** More values to mask: Settings' keys and tokens (`settingsSecrets`). */
	secrets?: readonly string[];
};

type Mask = (text: string) => string;

/**
 * The shareable part of a task. Masks the environment's env var and setup secret values and
 * `options.secrets` (in their encoded forms too) in every text field, names and branch
 * included, and strips credentials from URLs. The network audit is cut to the link's caps.
 * Throws ShareError `invalid` (paths as in SharedTask) when the source does not fit the schema.
 */
export function toSharedTask(source: ShareSource, options: ShareBuildOptions = {}): SharedTask {
	const { environment, task } = source;
	const mask = secretMasker([
		...(options.secrets ?? []),
		...environment.envVars.map((envVar) => envVar.value),
		...environment.setupSecrets.map((secret) => secret.value)
	]);
	return validateSharedTask({
		// The title is the prompt's first line, cut: a secret cut in two is masked from the whole.
		title: maskCutLine(task.title, task.prompt, mask),
		repoUrl: mask(stripCredentials(environment.repoUrl)),
		branch: mask(task.branch),
		mode: task.mode,
		prompt: mask(task.prompt),
		followUps: (source.followUps ?? []).map(mask),
		environment: {
			setupScript: mask(environment.setupScript),
			envVarNames: environment.envVars.map((envVar) => mask(envVar.name)),
			setupSecretNames: environment.setupSecrets.map((secret) => mask(secret.name)),
			network: pickPolicy(environment.agentPolicy, mask),
			runtime: environment.runtime
		},
		result: source.result && pickResult(source.result, mask)
	});
}

function pickPolicy(policy: unknown, mask: Mask): unknown {
	if (typeof policy !== 'object' || policy === null) return policy;
	const { access, preset, domains, methods } = policy as Record<string, unknown>;
	const masked = Array.isArray(domains)
		? domains.map((domain: unknown) => (typeof domain === 'string' ? mask(domain) : domain))
		: domains;
	return { access, preset, domains: masked, methods };
}

function pickResult(result: ShareSourceResult, mask: Mask): Record<string, unknown> {
	const { usage, timings } = result;
	return {
		summary: clip(mask(result.summary), SHARE_CAPS.summary),
		patch: maybe(result.patch, mask),
		logExcerpt: maybe(result.logExcerpt, (text) => clip(mask(text), SHARE_CAPS.logExcerpt)),
		model: maybe(result.model, mask),
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
		networkAudit:
			result.networkAudit &&
			auditWithinCap(result.networkAudit).map((entry) => ({
				method: clip(mask(entry.method), SHARE_CAPS.auditMethod),
				url: clip(mask(stripCredentials(entry.url)), SHARE_CAPS.auditUrl),
				allowed: entry.allowed,
				reason: clip(mask(entry.reason), SHARE_CAPS.auditReason)
			}))
	};
}

/** The entries a link has room for: every blocked one first (what a reader looks for), in order. */
function auditWithinCap(entries: readonly SharedAuditEntry[]): readonly SharedAuditEntry[] {
	const max = SHARE_CAPS.networkAudit.items;
	if (entries.length <= max) return entries;
	const blocked = new Set(entries.filter((entry) => !entry.allowed).slice(0, max));
	let room = max - blocked.size;
	return entries.filter((entry) => blocked.has(entry) || (entry.allowed && room-- > 0));
}

/** Text cut to a cap with `…`, for fields a reader can do without the end of. */
function clip(text: string, cap: TextCap): string {
	return text.length <= cap.chars ? text : `${text.slice(0, cap.chars - 1)}…`;
}

function maybe(text: string | undefined, mask: Mask): string | undefined {
	return text === undefined ? undefined : mask(text);
}

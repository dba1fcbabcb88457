// What a share link carries. Only non-secret fields exist here; the validator rejects any
// other property, so a secret cannot ride along in an extra field.

/** The schema version new links are written with; older versions still decode. */
export const SHARE_VERSION = 1;

/** Same shape as core/network's `NetworkPolicy`, restated so a link's schema stays frozen. */
export type SharedNetworkPolicy = {
	access: 'off' | 'on';
	preset: 'none' | 'common' | 'all';
	domains: string[];
	methods: 'read' | 'all';
};

export type SharedRuntime = 'auto' | 'webcontainer' | 'lite';

export type SharedEnvironment = {
	setupScript: string;
	/** Names only: values never travel. */
	envVarNames: string[];
	/** Names of the setup-only secrets, so whoever forks the task knows what to supply. */
	setupSecretNames: string[];
	network: SharedNetworkPolicy;
	runtime: SharedRuntime;
};

export type SharedUsage = { promptTokens: number; completionTokens: number; totalTokens: number };

/** Durations in milliseconds. */
export type SharedTimings = {
	totalMs: number;
	cloneMs?: number;
	setupMs?: number;
	agentMs?: number;
};

export type SharedAuditEntry = { method: string; url: string; allowed: boolean; reason: string };

export type SharedResult = {
	summary: string;
	/** A git-style unified patch. */
	patch?: string;
	logExcerpt?: string;
	/** The model id, e.g. `gpt-4.1`. */
	model?: string;
	usage?: SharedUsage;
	timings?: SharedTimings;
	networkAudit?: SharedAuditEntry[];
};

export type SharedTaskV1 = {
	title: string;
	repoUrl: string;
	branch: string;
	mode: 'code' | 'ask';
	prompt: string;
	followUps: string[];
	environment: SharedEnvironment;
	result?: SharedResult;
};

/** The current version's task. A v2 renames this to the v2 type and keeps `SharedTaskV1`. */
export type SharedTask = SharedTaskV1;

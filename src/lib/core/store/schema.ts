// The records Patchbay keeps in IndexedDB, and the database's shape for `idb`.
import type { DBSchema } from 'idb';
import type { Budget, Price } from '../cost/types.ts';
import type { ForgeKind } from '../forge/forge-for.ts';
import type { ImageAttachment } from '../model/types.ts';
import type { NetworkPolicy } from '../network/policy.ts';

export const DB_NAME = 'patchbay';

export type ModelSettings = {
	baseURL: string;
	apiKey: string;
	model: string;
	maxConcurrentAttempts: number;
	/** How long a model request may wait for the response headers. */
	connectTimeoutSeconds: number;
	/** How long a streaming reply may send nothing before it is retried. */
	idleTimeoutSeconds: number;
};

export type GitHubSettings = { token: string; apiBase: string };

/**
 * A token for one git host other than GitHub's API (GitLab, Gitea, a company server…). It is
 * offered only to `host` (exactly: name and port), over https (http only on localhost), and
 * through the CORS proxy only when `proxyMayCarry` is set — a proxy sees everything it carries.
 */
export type GitHostCredential = {
	/** `git.example.com` or `git.example.com:8443`: lower case, IDN in punycode, no scheme. */
	host: string;
	/** The Basic-auth user name; empty means `x-access-token` (GitHub, GitLab, Gitea accept any). */
	username: string;
	token: string;
	proxyMayCarry: boolean;
	/**
	 * Which forge the host runs, for a self-managed one served by host (GitLab, Gitea: core/forge's
	 * `namedHostKind`; its API is then used); absent: plain smart HTTP (gitlab.com and
	 * codeberg.org are known without it).
	 */
	kind?: ForgeKind;
};

export type GitSettings = { corsProxy: string; hosts: GitHostCredential[] };

/** Environment snapshots (a sandbox saved after setup): how long one stays usable. */
export type StorageSettings = { snapshotMaxAgeHours: number };

/** The price table (Settings → Costs edits a copy of the shipped one) and the default budget. */
export type CostSettings = { prices: Price[]; defaultBudget: Budget | null };

/**
 * A remote MCP server (Streamable HTTP) the user added in Settings → Tools. Its bearer token, if
 * any, is a per-host credential in `git.hosts` (one store of tokens, each bound to its host).
 */
export type McpServerSettings = {
	/** Prefixes its tools' names for the model (`<name>__<tool>`). */
	name: string;
	url: string;
};

export type ToolSettings = { mcpServers: McpServerSettings[] };

export type Settings = {
	model: ModelSettings;
	github: GitHubSettings;
	git: GitSettings;
	storage: StorageSettings;
	costs: CostSettings;
	tools: ToolSettings;
};

export type SettingsRecord = Settings & { id: 'app'; updatedAt: number };

export type EnvVar = { name: string; value: string };

export type RuntimeChoice = 'auto' | 'webcontainer' | 'lite';

export type EnvironmentRecord = {
	id: string;
	name: string;
	repoUrl: string;
	defaultBranch: string;
	setupScript: string;
	envVars: EnvVar[];
	/** Present in the sandbox during setup only. */
	setupSecrets: EnvVar[];
	/** Network policy for the agent phase. */
	agentPolicy: NetworkPolicy;
	runtime: RuntimeChoice;
	/** How the agent checks its work (guessed from package.json or AGENTS.md, editable). */
	testCommand?: string;
	/** MCP server tools the user enabled for this environment, as listed when enabled. */
	mcpTools?: McpToolChoice[];
	createdAt: number;
	updatedAt: number;
};

/** One MCP tool enabled for an environment: what the model is offered, and where it runs. */
export type McpToolChoice = {
	/** The server's name and URL in Settings → Tools when the tool was enabled. */
	server: string;
	url: string;
	/** The tool's own name on its server. */
	tool: string;
	description: string;
	/** The tool's JSON Schema for its arguments, passed to the model as it is. */
	inputSchema: Record<string, unknown>;
	/** The server annotates it `readOnlyHint: true`: offered in Ask mode too. */
	readOnly: boolean;
};

export type TaskMode = 'code' | 'ask';

export type TaskRecord = {
	id: string;
	title: string;
	prompt: string;
	mode: TaskMode;
	environmentId: string;
	branch: string;
	attemptCount: number;
	/** The attempt the user chose among several (its changes are the task's in the list). */
	chosenAttemptId?: string;
	/** What the task may spend on the model; raised from the task page to go on. */
	budget?: Budget | null;
	/** With several attempts: all draw on the one budget, or each gets an equal part. */
	budgetSplit?: 'share' | 'split';
	/** Pictures sent with the prompt (each attempt's first message). */
	images?: ImageAttachment[];
	/** The issue the task was drafted from, in its own repository: its request says `Closes #N`. */
	issue?: {
		owner: string;
		repo: string;
		number: number;
		/**
		 * A forge's issue (one whose entry declares `issues`: GitLab, Gitea; none: GitHub's), on
		 * the host at `origin`.
		 */
		forge?: ForgeKind;
		origin?: string;
	};
	createdAt: number;
	updatedAt: number;
};

export type AttemptStatus =
	'queued' | 'preparing' | 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

/** What an attempt produced, kept so its review and push survive a reload. */
export type AttemptResult = {
	baseline: { commit: string; tree: string; branch: string };
	/** FileChange[] of core/diff (bytes kept, so a push needs nothing else). */
	changes: {
		path: string;
		before: Uint8Array | null;
		after: Uint8Array | null;
		beforeMode?: string;
		afterMode?: string;
		oldPath?: string;
	}[];
	patch: string;
	additions: number;
	deletions: number;
	summary: string;
	/** Set once pushed: the branch (updated by later pushes) and the pull request. */
	pushed?: {
		branch: string;
		commitSha: string;
		pullRequestUrl?: string;
		/** The request's number as its host writes it: `#12` (GitHub, Gitea), `!12` (GitLab). */
		changeRequestRef?: string;
		/** The base branch's head the changes were rebased onto, when not the baseline. */
		base?: { commit: string; tree: string };
		/** Pushed over git to a host other than GitHub's API: no pull request was opened. */
		gitHost?: boolean;
	};
};

export type AttemptRecord = {
	id: string;
	taskId: string;
	index: number;
	status: AttemptStatus;
	createdAt: number;
	updatedAt: number;
	result?: AttemptResult;
	/** The review's Viewed marks: paths, each with the digest of its diff when it was marked. */
	viewed?: ViewedMark[];
};

/** A file marked Viewed; a later change to its diff (another digest) unmarks it. */
export type ViewedMark = { path: string; digest: string };

/** One entry of an attempt's append-only log; `data` is the event itself. */
export type AttemptEventRecord = {
	attemptId: string;
	seq: number;
	time: number;
	type: string;
	data: unknown;
};

/**
 * An environment's sandbox as setup left it, one per environment. The files are packed into
 * one blob kept in `snapshotData`, so listing snapshots never reads their contents.
 */
export type SnapshotRecord = {
	environmentId: string;
	commit: string;
	/** SHA-256 of the runtime, setup script, variables and secrets: never their values. */
	configHash: string;
	runtime: 'webcontainer' | 'lite';
	createdAt: number;
	bytes: number;
	fileCount: number;
};

export type SnapshotDataRecord = { environmentId: string; data: Uint8Array };

export interface PatchbaySchema extends DBSchema {
	settings: { key: string; value: SettingsRecord };
	environments: { key: string; value: EnvironmentRecord; indexes: { byUpdated: number } };
	tasks: { key: string; value: TaskRecord; indexes: { byCreated: number; byEnvironment: string } };
	attempts: { key: string; value: AttemptRecord; indexes: { byTask: string } };
	events: { key: [string, number]; value: AttemptEventRecord };
	snapshots: { key: string; value: SnapshotRecord; indexes: { byCreated: number } };
	snapshotData: { key: string; value: SnapshotDataRecord };
}

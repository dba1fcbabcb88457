// The records Patchbay keeps in IndexedDB, and the database's shape for `idb`.
import type { DBSchema } from 'idb';
import type { NetworkPolicy } from '../network/policy.ts';

export const DB_NAME = 'patchbay';

export type ModelSettings = {
	baseURL: string;
	apiKey: string;
	model: string;
	maxConcurrentAttempts: number;
};

export type GitHubSettings = { token: string; apiBase: string };

export type GitSettings = { corsProxy: string };

export type Settings = { model: ModelSettings; github: GitHubSettings; git: GitSettings };

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
	createdAt: number;
	updatedAt: number;
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
	createdAt: number;
	updatedAt: number;
};

export type AttemptStatus =
	'queued' | 'preparing' | 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

export type AttemptRecord = {
	id: string;
	taskId: string;
	index: number;
	status: AttemptStatus;
	createdAt: number;
	updatedAt: number;
};

/** One entry of an attempt's append-only log; `data` is the event itself. */
export type AttemptEventRecord = {
	attemptId: string;
	seq: number;
	time: number;
	type: string;
	data: unknown;
};

export interface PatchbaySchema extends DBSchema {
	settings: { key: string; value: SettingsRecord };
	environments: { key: string; value: EnvironmentRecord; indexes: { byUpdated: number } };
	tasks: { key: string; value: TaskRecord; indexes: { byCreated: number; byEnvironment: string } };
	attempts: { key: string; value: AttemptRecord; indexes: { byTask: string } };
	events: { key: [string, number]; value: AttemptEventRecord };
}

import { defaultAgentPolicy } from '../network/index.ts';
import type { EnvironmentRecord } from '../store/index.ts';

/** What the environment form edits: a record without its identity and timestamps. */
export type EnvironmentDraft = Omit<EnvironmentRecord, 'id' | 'createdAt' | 'updatedAt'>;

export function newEnvironmentDraft(): EnvironmentDraft {
	return {
		name: '',
		repoUrl: '',
		defaultBranch: '',
		setupScript: '',
		envVars: [],
		setupSecrets: [],
		agentPolicy: { ...defaultAgentPolicy, domains: [] },
		runtime: 'auto'
	};
}

export function draftOf(record: EnvironmentRecord): EnvironmentDraft {
	const { id: _id, createdAt: _c, updatedAt: _u, ...draft } = record;
	return structuredClone(draft);
}

/** The name a repository suggests for its environment: the repo's own name. */
export function suggestedName(repoUrl: string): string {
	const last = repoUrl.trim().replace(/\/+$/, '').split('/').pop() ?? '';
	return last.replace(/\.git$/, '');
}

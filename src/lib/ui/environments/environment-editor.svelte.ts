import { credentialsOf } from '$lib/core/credentials';
import {
	draftOf,
	newEnvironmentDraft,
	suggestedName,
	validateEnvironment,
	type EnvironmentDraft,
	type EnvironmentField
} from '$lib/core/environments';
import { AppError } from '$lib/core/http';
import { validateDomainEntries } from '$lib/core/network';
import {
	defaultSettings,
	environmentsRepo,
	newId,
	settingsRepo,
	type EnvironmentRecord,
	type Settings
} from '$lib/core/store';
import { appDb } from '../db';
import { gitRequest } from '../workers/git-client';
import type { GitAccess } from '../workers/git-protocol';

export type LookupState =
	| { kind: 'idle' }
	| { kind: 'running' }
	| { kind: 'ok'; private: boolean | null }
	| { kind: 'error'; code: string; message: string; hint: string };

/**
 * What the git worker needs to reach `repoUrl`: Settings' credentials go along whole, and the
 * worker offers each request only its own host's (`credentialFor` in core/credentials).
 */
export function gitAccess(repoUrl: string, settings: Settings): GitAccess {
	return {
		repoUrl,
		githubApiBase: settings.github.apiBase,
		credentials: credentialsOf(settings),
		corsProxy: settings.git.corsProxy
	};
}

/** The environment form: a draft, its field errors, the repository lookup, and saving. */
export class EnvironmentEditor {
	draft = $state<EnvironmentDraft>(newEnvironmentDraft());
	domainsText = $state('');
	status = $state<'loading' | 'ready' | 'saving' | 'missing'>('loading');
	branches = $state.raw<string[]>([]);
	lookup = $state<LookupState>({ kind: 'idle' });
	settings = $state.raw<Settings>(defaultSettings);
	touched = $state<Partial<Record<EnvironmentField, boolean>>>({});
	allTouched = $state(false);
	errors = $derived(
		validateEnvironment(this.draft, this.settings.github.apiBase, this.domainsText)
	);
	#record: EnvironmentRecord | null = null;
	#lookedUp = '';

	get id(): string | null {
		return this.#record?.id ?? null;
	}

	/** The error to show at a field: only once the person has been there or tried to save. */
	shown(field: EnvironmentField): string | undefined {
		return this.allTouched || this.touched[field] ? this.errors[field] : undefined;
	}

	async load(id: string | null): Promise<void> {
		const db = await appDb();
		this.settings = await settingsRepo(db).get();
		if (id) {
			const record = await environmentsRepo(db).get(id);
			if (!record) {
				this.status = 'missing';
				return;
			}
			this.draft = draftOf(record);
			this.#record = record;
			this.domainsText = record.agentPolicy.domains.join('\n');
			this.branches = [record.defaultBranch];
		}
		this.status = 'ready';
	}

	async lookUpRepo(): Promise<void> {
		const repoUrl = this.draft.repoUrl.trim();
		this.touched.repoUrl = true;
		if (this.errors.repoUrl || repoUrl === this.#lookedUp) return;
		this.lookup = { kind: 'running' };
		try {
			const info = await gitRequest({ type: 'lookup', access: gitAccess(repoUrl, this.settings) });
			this.#lookedUp = repoUrl;
			this.branches = info.branches;
			if (!info.branches.includes(this.draft.defaultBranch))
				this.draft.defaultBranch = info.defaultBranch;
			if (!this.draft.name.trim()) this.draft.name = suggestedName(repoUrl);
			this.lookup = { kind: 'ok', private: info.private };
		} catch (error) {
			this.#lookedUp = '';
			this.branches = [];
			const app = error instanceof AppError ? error : new AppError('unexpected', String(error));
			this.lookup = { kind: 'error', code: app.code, message: app.message, hint: app.hint };
		}
	}

	/** The draft as a record (not saved), for "Test environment". */
	asRecord(): EnvironmentRecord {
		const now = Date.now();
		const draft = $state.snapshot(this.draft) as EnvironmentDraft;
		const domains = validateDomainEntries(this.domainsText).domains;
		return {
			...draft,
			name: draft.name.trim(),
			repoUrl: draft.repoUrl.trim(),
			agentPolicy: { ...draft.agentPolicy, domains },
			id: this.#record?.id ?? newId(),
			createdAt: this.#record?.createdAt ?? now,
			updatedAt: now
		};
	}

	/** Saves when the draft is valid; returns the saved record, or null with errors shown. */
	async save(): Promise<EnvironmentRecord | null> {
		this.allTouched = true;
		if (Object.keys(this.errors).length > 0) return null;
		this.status = 'saving';
		const record = this.asRecord();
		await environmentsRepo(await appDb()).put(record);
		this.#record = record;
		this.status = 'ready';
		return record;
	}
}

// Paste a repository in the composer: look it up, propose a setup from its files, and save an
// environment with sensible defaults — no trip to the Environments page.
import { gitHostOf, withHostToken } from '$lib/core/credentials';
import { suggestedName, newEnvironmentDraft } from '$lib/core/environments';
import { AppError } from '$lib/core/http';
import { environmentsRepo, newId, settingsRepo, type EnvironmentRecord } from '$lib/core/store';
import type { SetupProposal } from '$lib/core/start';
import { appDb } from '../db';
import { gitAccess } from '../environments/environment-editor.svelte';
import { liteSetupNote, whyLite } from '../sandbox/runtime-forecast';
import { gitRequest } from '../workers/git-client';

export type PasteState =
	| { kind: 'idle' }
	| { kind: 'working' }
	| {
			kind: 'ready';
			environment: EnvironmentRecord;
			proposal: SetupProposal;
			private: boolean | null;
	  }
	| {
			kind: 'error';
			code: string;
			message: string;
			hint: string;
			/** The git host that asked for credentials it has none for: a token may be typed in. */
			tokenHost: string | null;
	  };

export class RepoPaste {
	state = $state<PasteState>({ kind: 'idle' });
	/** The proposed setup script, editable before anything runs. */
	setupScript = $state('');

	async use(repo: string, branch?: string): Promise<EnvironmentRecord | null> {
		const repoUrl = repo.trim();
		if (!repoUrl) return null;
		this.state = { kind: 'working' };
		try {
			const db = await appDb();
			const settings = await settingsRepo(db).get();
			// Whether Lite will run here is found alongside the lookup, for the proposal's notes.
			const lite = whyLite(newEnvironmentDraft().runtime);
			const {
				info,
				branch: chosen,
				proposal
			} = await gitRequest({ type: 'propose', access: gitAccess(repoUrl, settings), branch });
			const liteNote = liteSetupNote(proposal.script, await lite);
			if (liteNote) proposal.notes.push(liteNote);
			const now = Date.now();
			const environment: EnvironmentRecord = {
				...newEnvironmentDraft(),
				name: suggestedName(repoUrl),
				repoUrl,
				defaultBranch: chosen,
				setupScript: proposal.script,
				testCommand: proposal.testCommand ?? undefined,
				id: newId(),
				createdAt: now,
				updatedAt: now
			};
			await environmentsRepo(db).put(environment);
			this.setupScript = proposal.script;
			this.state = { kind: 'ready', environment, proposal, private: info.private };
			return environment;
		} catch (error) {
			const app = error instanceof AppError ? error : new AppError('unexpected', String(error));
			const tokenHost = app.code === 'auth-required' ? gitHostOf(repoUrl) : null;
			this.state = {
				kind: 'error',
				code: app.code,
				message: app.message,
				hint: app.hint,
				tokenHost
			};
			return null;
		}
	}

	/**
	 * The first time a repository on `host` needs a token: saved as Settings → Git hosts would
	 * (for that host only, not through the CORS proxy), then the lookup is tried again.
	 */
	async saveTokenAndRetry(
		repo: string,
		host: string,
		token: string,
		branch?: string
	): Promise<EnvironmentRecord | null> {
		if (!token.trim()) return null;
		const settings = settingsRepo(await appDb());
		const current = await settings.get();
		await settings.save({ ...current, git: withHostToken(current.git, host, token) });
		return this.use(repo, branch);
	}

	/** Saves an edited setup script before the task starts. */
	async commit(): Promise<void> {
		if (this.state.kind !== 'ready' || this.state.environment.setupScript === this.setupScript)
			return;
		const environment = {
			// A plain copy: IndexedDB cannot store the $state proxy (the put failed, and Code with it).
			...$state.snapshot(this.state.environment),
			setupScript: this.setupScript,
			updatedAt: Date.now()
		};
		await environmentsRepo(await appDb()).put(environment);
		this.state = { ...this.state, environment };
	}
}

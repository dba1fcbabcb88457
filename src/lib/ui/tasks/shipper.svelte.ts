// "Create PR" / "Push branch" for one attempt: scan the diff for secrets (a hit waits for the
// user's confirmation), check whether the base branch moved on (offering a rebase), push, open
// (or find) the pull request where the host is GitHub, and remember the branch.
import { parseRepoInput, type MergeRequestLink } from '$lib/core/git';
import { AppError } from '$lib/core/http';
import { scanForSecrets, type SecretHit } from '$lib/core/secrets';
import {
	settingsRepo,
	settingsSecrets,
	type AttemptRecord,
	type EnvironmentRecord,
	type TaskRecord
} from '$lib/core/store';
import type { LogView } from '$lib/core/tasks';
import { appDb } from '../db';
import { pushToGitHost, shipToGitHub, type BaseChoice } from './ship-flows';
import { attemptsStore } from './attempts-store.svelte';

export type ShipState =
	| { kind: 'idle' }
	| { kind: 'secrets'; hits: SecretHit[] }
	| { kind: 'base-moved'; head: string }
	| { kind: 'pushing'; message: string }
	| { kind: 'done'; url: string; branch: string; baseMoved: boolean; rebased: boolean }
	| { kind: 'pushed'; branch: string; base: string; link: MergeRequestLink; rebased: boolean }
	| { kind: 'error'; code: string; message: string; hint: string };

export type ShipOptions = { confirmed?: boolean; base?: BaseChoice };

/** Whether a repository is pushed through GitHub's API (a pull request) or over git (a branch). */
export function shipTarget(repoUrl: string, githubApiBase: string): 'github' | 'git' {
	try {
		return parseRepoInput(repoUrl, githubApiBase).ref.kind;
	} catch {
		return 'github';
	}
}

export class Shipper {
	state = $state<ShipState>({ kind: 'idle' });
	draft = $state(false);
	/** The GitHub API base from Settings, which decides what counts as a GitHub repository. */
	githubApiBase = $state('https://api.github.com');

	async loadSettings() {
		this.githubApiBase = (await settingsRepo(await appDb()).get()).github.apiBase;
	}

	async ship(
		task: TaskRecord,
		environment: EnvironmentRecord,
		attempt: AttemptRecord,
		view: LogView,
		options: ShipOptions = {}
	) {
		const result = attempt.result;
		if (!result) return;
		const db = await appDb();
		const settings = await settingsRepo(db).get();
		const secrets = [...environment.setupSecrets, ...environment.envVars].map((v) => v.value);
		const known = [...secrets, ...settingsSecrets(settings)].filter(Boolean);
		if (!options.confirmed) {
			const hits = scanForSecrets(result.changes, { knownSecrets: known });
			if (hits.length > 0) return void (this.state = { kind: 'secrets', hits });
		}
		try {
			const { ref } = parseRepoInput(environment.repoUrl, settings.github.apiBase);
			const input = {
				...{ task, environment, result, view, settings, known, draft: this.draft },
				report: (message: string) => (this.state = { kind: 'pushing', message })
			};
			input.report('Pushing a branch…');
			const outcome =
				ref.kind === 'github'
					? await shipToGitHub(input, ref, options.base ?? 'ask')
					: await pushToGitHost(input, ref, options.base ?? 'ask');
			if (outcome.kind === 'base-moved') {
				this.state = { kind: 'base-moved', head: outcome.head };
				return;
			}
			// The task page's button then offers the follow-up push.
			await attemptsStore.rememberPush(attempt.id, outcome.pushed);
			this.state =
				outcome.kind === 'pull-request'
					? {
							kind: 'done',
							url: outcome.url,
							branch: outcome.pushed.branch,
							baseMoved: outcome.baseMoved,
							rebased: outcome.rebased
						}
					: {
							kind: 'pushed',
							branch: outcome.pushed.branch,
							base: outcome.base,
							link: outcome.link,
							rebased: outcome.rebased
						};
		} catch (error) {
			const app = error instanceof AppError ? error : new AppError('unexpected', String(error));
			this.state = { kind: 'error', code: app.code, message: app.message, hint: app.hint };
		}
	}
}

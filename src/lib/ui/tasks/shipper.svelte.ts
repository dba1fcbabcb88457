// "Create PR" / "Push branch" for one attempt: scan the diff for secrets (a hit waits for the
// user's confirmation), check whether the base branch moved on (offering a rebase), push, open
// (or find) the pull request where the host is GitHub, and remember the branch.
import { credentialsOf } from '$lib/core/credentials';
import { forgeFor, forgeRepoFor, type ForgeHost, type ForgeKind } from '$lib/core/forge';
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
import {
	pushOverGitThenRequest,
	pushToGitHost,
	shipThroughForge,
	type BaseChoice
} from './ship-flows';
import { attemptsStore } from './attempts-store.svelte';

export type ShipState =
	| { kind: 'idle' }
	| { kind: 'secrets'; hits: SecretHit[] }
	| { kind: 'base-moved'; head: string }
	| { kind: 'pushing'; message: string }
	| {
			kind: 'done';
			url: string;
			/** "pull request", "merge request". */
			noun: string;
			branch: string;
			baseMoved: boolean;
			rebased: boolean;
	  }
	| { kind: 'pushed'; branch: string; base: string; link: MergeRequestLink; rebased: boolean }
	| { kind: 'error'; code: string; message: string; hint: string };

export type ShipOptions = { confirmed?: boolean; base?: BaseChoice };

/**
 * The forge a repository is pushed through (a pull or merge request), or `git` (a branch over
 * smart HTTP): core/forge decides, from the URL and Settings' git hosts.
 */
export function shipTarget(
	repoUrl: string,
	githubApiBase: string,
	hosts: readonly ForgeHost[] = []
): ForgeKind {
	try {
		return forgeRepoFor(parseRepoInput(repoUrl, githubApiBase).ref, hosts).kind;
	} catch {
		return 'github';
	}
}

function unreachable(kind: string): never {
	throw new AppError('unexpected', `No way to push a ${kind} repository.`);
}

export class Shipper {
	state = $state<ShipState>({ kind: 'idle' });
	draft = $state(false);
	/** The GitHub API base from Settings, which decides what counts as a GitHub repository. */
	githubApiBase = $state('https://api.github.com');
	/** Settings' git hosts: a self-managed GitLab or Gitea is named there with its kind. */
	hosts = $state.raw<ForgeHost[]>([]);

	async loadSettings() {
		const settings = await settingsRepo(await appDb()).get();
		this.githubApiBase = settings.github.apiBase;
		this.hosts = settings.git.hosts.map(({ host, kind }) => ({ host, kind }));
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
			// The one choice: a forge with an API opens the request; any other host gets a branch.
			const forge = await forgeFor(forgeRepoFor(ref, settings.git.hosts), {
				credentials: credentialsOf(settings)
			});
			const withRequest = forge?.openChangeRequest
				? { ...forge, openChangeRequest: forge.openChangeRequest }
				: null;
			const outcome =
				withRequest && !withRequest.pushesOverGit
					? await shipThroughForge(input, withRequest, options.base ?? 'ask')
					: withRequest
						? await pushOverGitThenRequest(input, withRequest, options.base ?? 'ask')
						: ref.kind === 'git'
							? await pushToGitHost(input, ref, options.base ?? 'ask')
							: unreachable(ref.kind);
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
							noun: outcome.noun,
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

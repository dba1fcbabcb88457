// "Create PR" for one attempt: scan the diff for secrets (a hit waits for the user's
// confirmation), push a branch, open (or find) the pull request, and remember it.
import { diffStats } from '$lib/core/diff';
import { parseRepoInput } from '$lib/core/git';
import { openPullRequest, pullRequestBody, pullRequestTitle, pushChanges } from '$lib/core/github';
import { AppError } from '$lib/core/http';
import { scanForSecrets, secretMasker, type SecretHit } from '$lib/core/secrets';
import {
	attemptsRepo,
	settingsRepo,
	type AttemptRecord,
	type EnvironmentRecord,
	type TaskRecord
} from '$lib/core/store';
import type { LogView } from '$lib/core/tasks';
import { appDb } from '../db';

export type ShipState =
	| { kind: 'idle' }
	| { kind: 'secrets'; hits: SecretHit[] }
	| { kind: 'pushing'; message: string }
	| { kind: 'done'; url: string; branch: string; baseMoved: boolean }
	| { kind: 'error'; code: string; message: string; hint: string };

export class Shipper {
	state = $state<ShipState>({ kind: 'idle' });
	draft = $state(false);

	async ship(
		task: TaskRecord,
		environment: EnvironmentRecord,
		attempt: AttemptRecord,
		view: LogView,
		confirmed = false
	) {
		const result = attempt.result;
		if (!result) return;
		const db = await appDb();
		const settings = await settingsRepo(db).get();
		const secrets = [...environment.setupSecrets, ...environment.envVars].map((v) => v.value);
		const known = [...secrets, settings.model.apiKey, settings.github.token].filter(Boolean);
		if (!confirmed) {
			const hits = scanForSecrets(result.changes, { knownSecrets: known });
			if (hits.length > 0) return void (this.state = { kind: 'secrets', hits });
		}
		try {
			const { ref } = parseRepoInput(environment.repoUrl, settings.github.apiBase);
			if (ref.kind !== 'github') {
				throw new AppError(
					'not-github',
					'Pull requests are opened through the GitHub API; this repository is not on GitHub.',
					'Download the patch and apply it with `git apply`.'
				);
			}
			const access = { apiBase: ref.apiBase, token: settings.github.token };
			this.state = { kind: 'pushing', message: 'Pushing a branch…' };
			const pushed = await pushChanges({
				...access,
				owner: ref.owner,
				repo: ref.repo,
				baseline: result.baseline,
				changes: result.changes,
				branch: { title: task.title },
				message: task.title,
				existingBranch: result.pushed
					? { name: result.pushed.branch, sha: result.pushed.commitSha }
					: undefined,
				onProgress: (p) =>
					(this.state = {
						kind: 'pushing',
						message: `Pushing: ${p.phase} ${p.total ? `${p.done}/${p.total}` : ''}`
					})
			});
			this.state = { kind: 'pushing', message: 'Opening the pull request…' };
			const prTask = {
				prompt: task.prompt,
				followUps: view.items.flatMap((i) => (i.kind === 'user' ? [i.text] : [])).slice(1),
				summary: result.summary,
				testsRun: [],
				blockedRequests: view.network
					.filter((e) => !e.allowed)
					.map(({ method, url, reason }) => ({ method, url, reason })),
				stats: diffStats(result.changes),
				mask: secretMasker(known)
			};
			const pr = await openPullRequest({
				...access,
				owner: ref.owner,
				repo: ref.repo,
				head: pushed.branch,
				base: result.baseline.branch,
				title: pullRequestTitle(prTask),
				body: pullRequestBody(prTask),
				draft: this.draft,
				baselineCommit: result.baseline.commit
			});
			const record = await attemptsRepo(db).get(attempt.id);
			if (record?.result) {
				const saved = {
					branch: pushed.branch,
					commitSha: pushed.commitSha,
					pullRequestUrl: pr.url
				};
				await attemptsRepo(db).put({ ...record, result: { ...record.result, pushed: saved } });
			}
			this.state = { kind: 'done', url: pr.url, branch: pushed.branch, baseMoved: pr.baseMoved };
		} catch (error) {
			const app = error instanceof AppError ? error : new AppError('unexpected', String(error));
			this.state = { kind: 'error', code: app.code, message: app.message, hint: app.hint };
		}
	}
}

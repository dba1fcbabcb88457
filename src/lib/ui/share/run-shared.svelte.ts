// "Run this task" on a shared link: reuse a matching environment or create one from the link
// (with the values typed in for its variable names), then create and start the task.
import type { SharedTask } from '$lib/core/share';
import { environmentFromShare, matchingEnvironment, type SharedValues } from '$lib/core/start';
import { environmentsRepo, newId, settingsRepo, type EnvironmentRecord } from '$lib/core/store';
import { appDb } from '../db';
import { taskRunner } from '../tasks/task-runner.svelte';

export class RunShared {
	/** The user's environment this link would use, when one matches; else one is created. */
	existing = $state.raw<EnvironmentRecord | undefined>(undefined);
	modelReady = $state(true);
	values = $state<SharedValues>({ envVars: {}, setupSecrets: {} });
	starting = $state(false);
	error = $state<string | undefined>(undefined);

	async load(shared: SharedTask) {
		const db = await appDb();
		this.existing = matchingEnvironment(shared, await environmentsRepo(db).all());
		this.modelReady = (await settingsRepo(db).get()).model.model.trim() !== '';
	}

	/** Creates the task (and its environment when needed) and starts it; returns its id. */
	async run(shared: SharedTask): Promise<string | undefined> {
		this.starting = true;
		this.error = undefined;
		try {
			const db = await appDb();
			let environment = this.existing;
			if (!environment) {
				const now = Date.now();
				environment = {
					...environmentFromShare(shared, this.values),
					id: newId(),
					createdAt: now,
					updatedAt: now
				};
				await environmentsRepo(db).put(environment);
			}
			return await taskRunner.createTask({
				prompt: shared.prompt,
				mode: shared.mode,
				environmentId: environment.id,
				branch: shared.branch,
				attempts: 1
			});
		} catch (error) {
			this.error = error instanceof Error ? error.message : String(error);
			return undefined;
		} finally {
			this.starting = false;
		}
	}
}

// "Run this task" on a shared link: reuse a matching environment or create one from the link
// (with the values typed in for its variable names), then create and start the task.
import type { SharedTask } from '$lib/core/share';
import { environmentFromShare, matchingEnvironment, type SharedValues } from '$lib/core/start';
import { environmentsRepo, newId, settingsRepo, type EnvironmentRecord } from '$lib/core/store';
import { appDb } from '../db';
import { taskRunner } from '../tasks/task-runner.svelte';

/** One value the link asks for: a variable or setup secret name, and what is typed in. */
export type ValueField = { kind: 'envVar' | 'setupSecret'; name: string; value: string };

/**
 * A field per name the link carries, each empty. A list, not a record keyed by name: names come
 * from the link, and one such as `__proto__` or `constructor` must stay just a name.
 */
function fieldsOf(shared: SharedTask): ValueField[] {
	const { envVarNames, setupSecretNames } = shared.environment;
	return [
		...envVarNames.map((name) => ({ kind: 'envVar' as const, name, value: '' })),
		...setupSecretNames.map((name) => ({ kind: 'setupSecret' as const, name, value: '' }))
	];
}

function valuesOf(fields: readonly ValueField[]): SharedValues {
	const of = (kind: ValueField['kind']) =>
		Object.fromEntries(fields.filter((f) => f.kind === kind).map((f) => [f.name, f.value]));
	return { envVars: of('envVar'), setupSecrets: of('setupSecret') };
}

export class RunShared {
	/** The user's environment this link would use, when one matches; else one is created. */
	existing = $state.raw<EnvironmentRecord | undefined>(undefined);
	/** Whether `existing` has been looked for: until then no value is asked for. */
	loaded = $state(false);
	modelReady = $state(true);
	fields = $state<ValueField[]>([]);
	starting = $state(false);
	error = $state<string | undefined>(undefined);

	async load(shared: SharedTask) {
		this.loaded = false;
		this.fields = fieldsOf(shared);
		const db = await appDb();
		this.existing = matchingEnvironment(shared, await environmentsRepo(db).all());
		this.modelReady = (await settingsRepo(db).get()).model.model.trim() !== '';
		this.loaded = true;
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
					...environmentFromShare(shared, valuesOf(this.fields)),
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

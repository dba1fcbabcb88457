import { eventsRepo } from '$lib/core/store';
import type { AttemptLogEntry } from '$lib/core/tasks';
// By file: the core/tasks index also re-exports runAttempt (agent, model, sandbox runtimes).
import { buildLogView, type LogView } from '$lib/core/tasks/log-view';
import { appDb } from '../db';
import { taskRunner } from './task-runner.svelte';

/**
 * One attempt's log for the task page: what is stored, then live entries as they come. The view
 * is rebuilt at most once per animation frame, so a fast stream does not re-render per token.
 */
export class AttemptLog {
	view = $state.raw<LogView>(buildLogView([]));
	loaded = $state(false);
	#entries: AttemptLogEntry[] = [];
	#frame = 0;
	#unsubscribe: (() => void) | undefined;

	async open(attemptId: string): Promise<void> {
		this.close();
		// Subscribe first: whatever arrives from now on is appended to what is read below.
		const early: AttemptLogEntry[] = [];
		let ready = false;
		this.#unsubscribe = taskRunner.subscribe(attemptId, (entry) =>
			ready ? this.#push(entry) : early.push(entry)
		);
		const held = taskRunner.entries(attemptId);
		if (held) this.#entries = [...held];
		else {
			const records = await eventsRepo(await appDb()).list(attemptId);
			this.#entries = [...records.map((r) => r.data as AttemptLogEntry), ...early];
		}
		ready = true;
		this.view = buildLogView(this.#entries);
		this.loaded = true;
	}

	close(): void {
		this.#unsubscribe?.();
		this.#unsubscribe = undefined;
		cancelAnimationFrame(this.#frame);
		this.#frame = 0;
		this.#entries = [];
		this.loaded = false;
	}

	#push(entry: AttemptLogEntry) {
		this.#entries.push(entry);
		this.#frame ||= requestAnimationFrame(() => {
			this.#frame = 0;
			this.view = buildLogView(this.#entries);
		});
	}
}

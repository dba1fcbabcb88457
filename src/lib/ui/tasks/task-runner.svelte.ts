// The tab's scheduler of attempts: it starts, queues, runs, cancels and continues them, holding
// each one's Web Lock for as long as this tab runs it, and after a reload interrupts only the
// attempts no tab runs any more. Records and logs are written by the attempts store; sandboxes
// kept for follow-ups are attempt-sessions, network phases network-states. The heavy half
// (agent, model client, sandbox runtimes) is attempt-engine.ts, loaded with `import()` when an
// attempt starts, so pages that only list or create tasks stay light.
import { SvelteSet } from 'svelte/reactivity';
import type { ProposedTask } from '$lib/core/agent';
import type { RunAttemptInput } from '$lib/core/run';
import {
	attemptsRepo,
	environmentsRepo,
	newId,
	settingsRepo,
	type AttemptRecord,
	type TaskMode,
	type TaskRecord
} from '$lib/core/store';
import {
	attemptLocks,
	createScheduler,
	INTERRUPTED_MESSAGE,
	interruptWhenFreed,
	isActiveStatus,
	recoverInterrupted,
	taskTitle,
	type AttemptLogEntry,
	type JobState,
	type LockRequester,
	type RecoverDeps,
	type Release
} from '$lib/core/tasks';
import { appDb } from '../db';
import { pageChannel } from './attempt-channel';
import { attemptSessions } from './attempt-sessions.svelte';
import { attemptsStore } from './attempts-store.svelte';
import { setupPolicyFor } from '$lib/core/network';
import { attemptNetwork } from './network-states';

const loadEngine = () => import('./attempt-engine');

export type NewTask = {
	prompt: string;
	mode: TaskMode;
	environmentId: string;
	branch: string;
	attempts: number;
};

/** Where Web Locks are missing, every lock is free: an attempt is then owned by no tab. */
const noLocks: LockRequester = {
	request: (_name, _options, callback) => Promise.resolve(callback({}))
};

class TaskRunner {
	/** Attempts this tab runs: it holds their locks (queued, running, or storing its last entries). */
	#owned = new SvelteSet<string>();
	#scheduler = createScheduler({
		concurrency: 2,
		onChange: (id, state) => this.#onJob(id, state)
	});
	#locks = attemptLocks(globalThis.navigator?.locks ?? noLocks);
	#held = new Map<string, Release>();
	/** Runs that ended and are storing their last writes before letting go of the lock. */
	#releasing = new Map<string, Promise<void>>();
	/** Jobs whose run began (a job cancelled while queued never ran). */
	#started = new Set<string>();
	/** Attempts another tab runs, whose lock this tab waits for (to notice that tab going away). */
	#watching = new Set<string>();
	#recovered: Promise<void> | undefined;
	/** The attempt engine's chunk, once asked for (see warmUp). */
	#engine: Promise<void> | undefined;

	/**
	 * Attempts that were running when their page went away are interrupted, not lost. Those whose
	 * lock another tab holds run there: they are left alone, and watched.
	 */
	recoverInterrupted(): Promise<void> {
		this.#recovered ??= (async () => {
			pageChannel().listen((message) => {
				if (message.type === 'cancel' && this.#held.has(message.attemptId))
					this.#scheduler.cancel(message.attemptId);
			});
			await attemptsStore.load();
			const { elsewhere } = await recoverInterrupted(await this.#recoverDeps());
			for (const id of elsewhere) this.watch(id);
		})();
		return this.#recovered;
	}

	/**
	 * Waits for the lock of an attempt another tab runs: when that tab lets go and the attempt is
	 * still active in the store, the tab went away mid-run and the attempt is interrupted.
	 */
	watch(attemptId: string): void {
		if (this.#held.has(attemptId) || this.#watching.has(attemptId)) return;
		this.#watching.add(attemptId);
		void this.#recoverDeps()
			.then((deps) => interruptWhenFreed(attemptId, deps))
			.catch((error) => console.error(`Watching attempt ${attemptId} failed`, error))
			.finally(() => this.#watching.delete(attemptId));
	}

	async createTask(input: NewTask): Promise<string> {
		const now = Date.now();
		const task: TaskRecord = {
			id: newId(),
			title: taskTitle(input.prompt),
			prompt: input.prompt,
			mode: input.mode,
			environmentId: input.environmentId,
			branch: input.branch,
			attemptCount: input.attempts,
			createdAt: now,
			updatedAt: now
		};
		const attempts = Array.from({ length: input.attempts }, (_, index): AttemptRecord => ({
			...{ id: newId(), taskId: task.id, index, status: 'queued' },
			...{ createdAt: now, updatedAt: now }
		}));
		// Locked before the records exist: no other tab ever sees them active and unowned.
		for (const attempt of attempts) await this.#own(attempt.id);
		await attemptsStore.addTask(task, attempts);
		for (const attempt of attempts) this.#enqueue(attempt, task, input.prompt);
		return task.id;
	}

	startProposed(from: TaskRecord, proposed: ProposedTask): Promise<string> {
		return this.createTask({
			prompt: proposed.prompt,
			mode: 'code',
			environmentId: from.environmentId,
			branch: from.branch,
			attempts: 1
		});
	}

	async followUp(attemptId: string, text: string): Promise<void> {
		const claimed = await this.#claim(attemptId, (a) => !isActiveStatus(a.status));
		if (claimed) this.#enqueue(claimed.attempt, claimed.task, text);
	}

	/** Continues an attempt a previous page left unfinished: fresh sandbox, edits replayed. */
	async continueAttempt(attemptId: string): Promise<void> {
		// Another tab may have continued it first: then it is no longer interrupted here.
		const claimed = await this.#claim(attemptId, (a) => a.status === 'interrupted');
		if (!claimed) return;
		const entries = (await attemptsStore.readLog(attemptId)).map((numbered) => numbered.entry);
		const { RESUME_MESSAGE, resumeFromLog } = await loadEngine();
		this.#enqueue(claimed.attempt, claimed.task, RESUME_MESSAGE, resumeFromLog(entries));
	}

	/** Cancels a run of this tab, or asks the tab that runs the attempt to cancel it. */
	cancel(attemptId: string): void {
		if (this.#held.has(attemptId)) this.#scheduler.cancel(attemptId);
		else pageChannel().post({ type: 'cancel', attemptId });
	}

	/** Whether this tab runs the attempt (reactive). */
	isLive(attemptId: string): boolean {
		return this.#owned.has(attemptId);
	}

	/** Starts loading the attempt engine ahead of a start (e.g. while a task is being typed). */
	warmUp(): void {
		if (this.#engine) return;
		// A failed load is asked for again next time; the run itself reports the failure.
		this.#engine = loadEngine().then(
			() => {},
			() => void (this.#engine = undefined)
		);
	}

	/** The baseline's paths of an attempt whose sandbox this tab holds (for the file view). */
	baselinePaths(attemptId: string): string[] | undefined {
		return attemptSessions.baselinePaths(attemptId);
	}

	/** A baseline file of a held attempt; null when absent, undefined when nothing is held. */
	baselineFile(attemptId: string, path: string): Promise<Uint8Array | null | undefined> {
		return attemptSessions.baselineFile(attemptId, path);
	}

	async #recoverDeps(): Promise<RecoverDeps> {
		await attemptsStore.load();
		return {
			locks: this.#locks,
			// From IndexedDB, not the snapshot: read under the lock, it must be the stored truth.
			all: async () => attemptsRepo(await appDb()).all(),
			get: async (id) => attemptsRepo(await appDb()).get(id),
			interrupt: async (attempt) => {
				const message = INTERRUPTED_MESSAGE;
				await attemptsStore.appendLog(attempt.id, [
					{ kind: 'status', status: 'interrupted', message }
				]);
				await attemptsStore.setStatus(attempt.id, 'interrupted');
			}
		};
	}

	/** Takes the attempt's lock (waiting for another tab to let go of it). */
	async #own(attemptId: string): Promise<void> {
		const release = await this.#locks.acquire(attemptId);
		this.#held.set(attemptId, release);
	}

	/** The attempt's lock, when the attempt (read under it) is still `ready` to run. */
	async #claim(attemptId: string, ready: (attempt: AttemptRecord) => boolean) {
		const job = this.#scheduler.state(attemptId);
		if (job === 'queued' || job === 'running') return undefined;
		await this.#releasing.get(attemptId); // a run that just ended lets go first
		if (this.#held.has(attemptId)) return undefined;
		await this.#own(attemptId);
		const attempt = await attemptsRepo(await appDb()).get(attemptId);
		const task = attempt && attemptsStore.task(attempt.taskId);
		if (attempt && task && ready(attempt)) return { attempt, task };
		this.#letGo(attemptId);
		return undefined;
	}

	#letGo(attemptId: string) {
		void this.#held.get(attemptId)?.();
		this.#held.delete(attemptId);
		this.#owned.delete(attemptId);
	}

	#enqueue(
		attempt: AttemptRecord,
		task: TaskRecord,
		userText: string,
		resume?: RunAttemptInput['resume']
	) {
		this.#owned.add(attempt.id);
		this.#started.delete(attempt.id);
		void attemptsStore.setStatus(attempt.id, 'queued');
		this.#scheduler.enqueue(attempt.id, (signal) =>
			this.#run(attempt, task, userText, signal, resume)
		);
	}

	#onJob(attemptId: string, state: JobState) {
		if (state === 'running') this.#started.add(attemptId);
		if (state !== 'finished' && state !== 'cancelled') return;
		const releasing = (async () => {
			if (!this.#started.has(attemptId)) {
				const message = 'Cancelled before it started.';
				await attemptsStore.appendLog(attemptId, [
					{ kind: 'status', status: 'cancelled', message }
				]);
				await attemptsStore.setStatus(attemptId, 'cancelled');
			}
			// The lock is let go only once the last status is stored, so a tab that takes it next
			// reads the attempt as it ended.
			await attemptsStore.written(attemptId);
			this.#letGo(attemptId);
		})();
		this.#releasing.set(
			attemptId,
			releasing.catch(() => this.#letGo(attemptId))
		);
	}

	async #run(
		attempt: AttemptRecord,
		task: TaskRecord,
		userText: string,
		signal: AbortSignal,
		resume?: RunAttemptInput['resume']
	) {
		this.warmUp(); // loads while the records are read
		const db = await appDb();
		const settings = await settingsRepo(db).get();
		this.#scheduler.setConcurrency(settings.model.maxConcurrentAttempts);
		const environment = await environmentsRepo(db).get(task.environmentId);
		const log = await attemptsStore.openRunLog(attempt.id);
		const emit = (entry: AttemptLogEntry) => {
			log.append(entry);
			if (entry.kind === 'status') void attemptsStore.setStatus(attempt.id, entry.status);
		};
		try {
			if (!environment) {
				const message = 'The environment of this task was deleted.';
				return emit({ kind: 'status', status: 'failed', message });
			}
			let engine: Awaited<ReturnType<typeof loadEngine>>;
			try {
				engine = await loadEngine();
			} catch (error) {
				const message = `The agent could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
				return emit({ kind: 'status', status: 'failed', message });
			}
			const network = attemptNetwork(attempt.id, setupPolicyFor(environment.agentPolicy));
			const result = await engine.runPageAttempt({
				attemptId: attempt.id,
				...{ task, environment, settings, db, userText, resume, signal, emit },
				session: attemptSessions.get(attempt.id),
				network: network.current,
				onAgentPhase: () => network.enterAgentPhase(environment.agentPolicy)
			});
			if (result.session && task.mode === 'code') {
				attemptSessions.keep(attempt.id, result.session);
				// Kept on the record, so review and push work after a reload too.
				const summary = result.final?.summary ?? '';
				await attemptsStore.saveResult(
					attempt.id,
					await engine.resultOf(result.session, task.branch, summary)
				);
			} else if (result.session) await result.session.sandbox.dispose();
		} finally {
			await log.close();
		}
	}
}

export const taskRunner = new TaskRunner();

// The page's task engine: creates tasks and their attempts, runs attempts through the scheduler,
// appends every log entry to IndexedDB as it happens, and tells open pages about it.
// The heavy half (agent, model client, sandbox runtimes) is attempt-engine.ts, loaded with
// `import()` when an attempt starts, so pages that only list or create tasks stay light.
import { SvelteSet } from 'svelte/reactivity';
import type { ProposedTask } from '$lib/core/agent';
import { setupPolicyFor } from '$lib/core/network';
import type { NetworkState } from '$lib/core/sandbox';
import {
	attemptsRepo,
	environmentsRepo,
	eventsRepo,
	newId,
	settingsRepo,
	tasksRepo,
	type AttemptRecord,
	type AttemptResult,
	type AttemptStatus,
	type NewAttemptEvent,
	type TaskMode,
	type TaskRecord
} from '$lib/core/store';
import type { AttemptSession, RunAttemptInput } from '$lib/core/tasks';
// The light modules of core/tasks by file: its index also re-exports runAttempt, whose graph
// (agent, model, sandbox) would come along with it.
import { attemptLocks, type LockRequester, type Release } from '$lib/core/tasks/attempt-locks';
import { createEventLog } from '$lib/core/tasks/event-log';
import {
	INTERRUPTED_MESSAGE,
	interruptWhenFreed,
	isActiveStatus,
	recoverInterrupted,
	type RecoverDeps
} from '$lib/core/tasks/recover';
import { isUrgentEntry, mergeLogEntries, type AttemptLogEntry } from '$lib/core/tasks/log-entry';
import { createScheduler, type JobState } from '$lib/core/tasks/scheduler';
import { taskTitle } from '$lib/core/tasks/title';
import { appDb } from '../db';
import { openAttemptChannel, type AttemptChannel, type AttemptMessage } from './attempt-channel';

const loadEngine = () => import('./attempt-engine');

export type NewTask = {
	prompt: string;
	mode: TaskMode;
	environmentId: string;
	branch: string;
	attempts: number;
};

type Listener = (entry: AttemptLogEntry) => void;

/** Where Web Locks are missing, every lock is free: an attempt is then owned by no tab. */
const noLocks: LockRequester = {
	request: (_name, _options, callback) => Promise.resolve(callback({}))
};

class TaskRunner {
	/** Bumped whenever a task or attempt changes, so lists re-read. */
	version = $state(0);
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
	#channel: AttemptChannel | undefined;
	#sessions = new Map<string, AttemptSession>();
	#listeners = new Map<string, Set<Listener>>();
	#storedListeners = new Map<string, Set<() => void>>();
	/** The whole log of every attempt run in this page, so an opened page sees it at once. */
	#memory = new Map<string, AttemptLogEntry[]>();
	#network = new Map<string, NetworkState>();
	#recovered: Promise<void> | undefined;
	/** The attempt engine's chunk, once asked for (see warmUp). */
	#engine: Promise<void> | undefined;

	/**
	 * Attempts that were running when their page went away are interrupted, not lost. Those whose
	 * lock another tab holds run there: they are left alone, and watched.
	 */
	recoverInterrupted(): Promise<void> {
		this.#recovered ??= (async () => {
			this.#connect();
			const { elsewhere } = await recoverInterrupted(await this.#recoverDeps());
			for (const id of elsewhere) this.watch(id);
			this.version++;
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
			.finally(() => {
				this.#watching.delete(attemptId);
				this.version++;
			});
	}

	entries(attemptId: string): readonly AttemptLogEntry[] | undefined {
		return this.#memory.get(attemptId);
	}

	/** Entries as this tab's run of the attempt produces them. */
	subscribe(attemptId: string, listener: Listener): () => void {
		return addTo(this.#listeners, attemptId, listener);
	}

	/** Called when another tab has stored new entries of the attempt's log. */
	onStored(attemptId: string, listener: () => void): () => void {
		return addTo(this.#storedListeners, attemptId, listener);
	}

	/** Marks one attempt of a task as the chosen one. */
	async chooseAttempt(taskId: string, attemptId: string): Promise<void> {
		const db = await appDb();
		const task = await tasksRepo(db).get(taskId);
		if (!task) return;
		await tasksRepo(db).put({ ...task, chosenAttemptId: attemptId, updatedAt: Date.now() });
		this.#recordsChanged();
	}

	async createTask(input: NewTask): Promise<string> {
		const db = await appDb();
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
		const ids = Array.from({ length: input.attempts }, () => newId());
		// Locked before the records exist: no other tab ever sees them active and unowned.
		for (const id of ids) await this.#own(id);
		await tasksRepo(db).put(task);
		for (const [index, id] of ids.entries()) {
			const attempt: AttemptRecord = {
				id,
				taskId: task.id,
				index,
				status: 'queued',
				createdAt: now,
				updatedAt: now
			};
			await attemptsRepo(db).put(attempt);
			this.#enqueue(attempt, task, input.prompt);
		}
		this.#recordsChanged();
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
		const db = await appDb();
		const entries = (await eventsRepo(db).list(attemptId)).map((r) => r.data as AttemptLogEntry);
		const { RESUME_MESSAGE, resumeFromLog } = await loadEngine();
		this.#enqueue(claimed.attempt, claimed.task, RESUME_MESSAGE, resumeFromLog(entries));
	}

	/** Cancels a run of this tab, or asks the tab that runs the attempt to cancel it. */
	cancel(attemptId: string): void {
		if (this.#held.has(attemptId)) this.#scheduler.cancel(attemptId);
		else this.#post({ type: 'cancel', attemptId });
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

	hasSession(attemptId: string): boolean {
		return this.#sessions.has(attemptId);
	}

	/** The baseline's paths of an attempt whose sandbox this page holds (for the file view). */
	baselinePaths(attemptId: string): string[] | undefined {
		return this.#sessions.get(attemptId)?.baseline.entries.map((entry) => entry.path);
	}

	/** A baseline file of a held attempt; null when absent, undefined when nothing is held. */
	async baselineFile(attemptId: string, path: string): Promise<Uint8Array | null | undefined> {
		const session = this.#sessions.get(attemptId);
		if (!session) return undefined;
		const entry = session.baseline.entries.find((e) => e.path === path);
		return entry ? session.readBaseline(entry.oid) : null;
	}

	async #recoverDeps(): Promise<RecoverDeps> {
		const repo = attemptsRepo(await appDb());
		return {
			locks: this.#locks,
			all: () => repo.all(),
			get: (id) => repo.get(id),
			interrupt: async (attempt) => {
				const message = INTERRUPTED_MESSAGE;
				await this.#appendStored(attempt.id, [{ kind: 'status', status: 'interrupted', message }]);
				await this.#setStatus(attempt.id, 'interrupted');
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
		const db = await appDb();
		const attempt = await attemptsRepo(db).get(attemptId);
		const task = attempt && (await tasksRepo(db).get(attempt.taskId));
		if (attempt && task && ready(attempt)) return { attempt, task };
		this.#letGo(attemptId);
		return undefined;
	}

	#letGo(attemptId: string) {
		void this.#held.get(attemptId)?.();
		this.#held.delete(attemptId);
		this.#setOwned(attemptId, false);
	}

	#setOwned(attemptId: string, owned: boolean) {
		if (owned) this.#owned.add(attemptId);
		else this.#owned.delete(attemptId);
	}

	#enqueue(
		attempt: AttemptRecord,
		task: TaskRecord,
		userText: string,
		resume?: RunAttemptInput['resume']
	) {
		this.#setOwned(attempt.id, true);
		this.#started.delete(attempt.id);
		void this.#setStatus(attempt.id, 'queued');
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
				await this.#appendStored(attemptId, [{ kind: 'status', status: 'cancelled', message }]);
				await this.#setStatus(attemptId, 'cancelled');
			}
			// The lock is let go only once the last status is stored, so a tab that takes it next
			// reads the attempt as it ended.
			await this.#writes.get(attemptId);
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
		const log = createEventLog<AttemptLogEntry>({
			merge: mergeLogEntries,
			urgent: isUrgentEntry,
			write: (batch) =>
				this.#store(
					attempt.id,
					batch.map((b) => ({ time: b.time, type: b.entry.kind, data: b.entry }))
				),
			onError: (error, dropped) =>
				console.error(`Storing the log of ${attempt.id} failed${dropped ? '' : ' (kept)'}`, error)
		});
		if (!this.#memory.has(attempt.id)) {
			const stored = await eventsRepo(db).list(attempt.id);
			this.#memory.set(
				attempt.id,
				stored.map((r) => r.data as AttemptLogEntry)
			);
		}
		const memory = this.#memory.get(attempt.id)!;
		const emit = (entry: AttemptLogEntry) => {
			log.append(entry);
			memory.push(entry);
			for (const listener of this.#listeners.get(attempt.id) ?? []) listener(entry);
			if (entry.kind === 'status') void this.#setStatus(attempt.id, entry.status);
		};
		if (!environment) {
			emit({
				kind: 'status',
				status: 'failed',
				message: 'The environment of this task was deleted.'
			});
			await log.flush();
			return;
		}
		// Setup needs the network (installs), and the local hosts the environment lists by name;
		// the agent phase switches to the environment's policy.
		let network: NetworkState = this.#network.get(attempt.id) ?? {
			policy: setupPolicyFor(environment.agentPolicy),
			phase: 'setup'
		};
		let engine: Awaited<ReturnType<typeof loadEngine>>;
		try {
			engine = await loadEngine();
		} catch (error) {
			const message = `The agent could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
			emit({ kind: 'status', status: 'failed', message });
			await log.flush();
			return;
		}
		const result = await engine.runPageAttempt({
			attemptId: attempt.id,
			task,
			environment,
			settings,
			db,
			userText,
			session: this.#sessions.get(attempt.id),
			resume,
			signal,
			emit,
			network: () => network,
			onAgentPhase: () => (network = { policy: environment.agentPolicy, phase: 'agent' })
		});
		this.#network.set(attempt.id, network);
		if (result.session && task.mode === 'code') {
			this.#sessions.set(attempt.id, result.session);
			await this.#saveResult(attempt.id, task, result.session, result.final?.summary ?? '');
		} else if (result.session) await result.session.sandbox.dispose();
		await log.flush();
	}

	/** Keeps what the attempt changed, so review and push work after a reload too. */
	async #saveResult(attemptId: string, task: TaskRecord, session: AttemptSession, summary: string) {
		const { sessionChanges } = await loadEngine();
		const { changes, patch, stats } = await sessionChanges(session);
		const resultOf = (attempt: AttemptRecord): AttemptResult => ({
			baseline: {
				commit: session.baseline.commit,
				tree: session.baseline.tree,
				branch: task.branch
			},
			changes: changes.map(({ path, before, after, beforeMode, afterMode, oldPath }) => ({
				path,
				before,
				after,
				beforeMode,
				afterMode,
				oldPath
			})),
			patch,
			additions: stats.reduce((n, s) => n + s.additions, 0),
			deletions: stats.reduce((n, s) => n + s.deletions, 0),
			summary,
			pushed: attempt.result?.pushed
		});
		await this.#update(attemptId, (attempt) => ({ ...attempt, result: resultOf(attempt) }));
	}

	async #setStatus(attemptId: string, status: AttemptStatus) {
		await this.#update(attemptId, (attempt) => ({ ...attempt, status }));
	}

	#writes = new Map<string, Promise<void>>();

	/** Read-modify-write of an attempt record, one at a time per attempt (no lost updates). */
	#update(attemptId: string, change: (attempt: AttemptRecord) => AttemptRecord): Promise<void> {
		const previous = this.#writes.get(attemptId) ?? Promise.resolve();
		const next = previous.then(async () => {
			const repo = attemptsRepo(await appDb());
			const attempt = await repo.get(attemptId);
			if (attempt) await repo.put({ ...change(attempt), updatedAt: Date.now() });
			this.#recordsChanged();
		});
		this.#writes.set(
			attemptId,
			next.catch(() => {})
		);
		return next;
	}

	/** Stores log entries (numbered by the store) and tells the other tabs. */
	async #store(attemptId: string, events: NewAttemptEvent[]) {
		await eventsRepo(await appDb()).append(attemptId, events);
		this.#post({ type: 'log', attemptId });
	}

	#appendStored(attemptId: string, entries: AttemptLogEntry[]) {
		const time = Date.now();
		return this.#store(
			attemptId,
			entries.map((entry) => ({ time, type: entry.kind, data: entry }))
		);
	}

	#recordsChanged() {
		this.version++;
		this.#post({ type: 'records' });
	}

	/** The channel to the other tabs, opened on first use (never while the app is prerendered). */
	#connect(): AttemptChannel {
		this.#channel ??= openAttemptChannel((heard) => this.#hear(heard));
		return this.#channel;
	}

	#post(message: AttemptMessage) {
		this.#connect().post(message);
	}

	#hear(message: AttemptMessage) {
		switch (message.type) {
			case 'records':
				this.version++;
				return;
			case 'log':
				// What this tab held of a log another tab extends is out of date.
				if (!this.#held.has(message.attemptId)) this.#memory.delete(message.attemptId);
				for (const listener of this.#storedListeners.get(message.attemptId) ?? []) listener();
				return;
			case 'cancel':
				if (this.#held.has(message.attemptId)) this.#scheduler.cancel(message.attemptId);
				return;
		}
	}
}

function addTo<T>(map: Map<string, Set<T>>, key: string, value: T): () => void {
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- listeners, not page state
	const set = map.get(key) ?? new Set();
	set.add(value);
	map.set(key, set);
	return () => set.delete(value);
}

export const taskRunner = new TaskRunner();

// The page's task engine: creates tasks and their attempts, runs attempts through the scheduler,
// appends every log entry to IndexedDB as it happens, and tells open pages about it.
// The heavy half (agent, model client, sandbox runtimes) is attempt-engine.ts, loaded with
// `import()` when an attempt starts, so pages that only list or create tasks stay light.
import type { ProposedTask } from '$lib/core/agent';
import { defaultSetupPolicy } from '$lib/core/network';
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
	type TaskMode,
	type TaskRecord
} from '$lib/core/store';
import type { AttemptSession, RunAttemptInput } from '$lib/core/tasks';
// The light modules of core/tasks by file: its index also re-exports runAttempt, whose graph
// (agent, model, sandbox) would come along with it.
import { createEventLog } from '$lib/core/tasks/event-log';
import { isUrgentEntry, mergeLogEntries, type AttemptLogEntry } from '$lib/core/tasks/log-entry';
import { createScheduler } from '$lib/core/tasks/scheduler';
import { taskTitle } from '$lib/core/tasks/title';
import { appDb } from '../db';

const loadEngine = () => import('./attempt-engine');

export type NewTask = {
	prompt: string;
	mode: TaskMode;
	environmentId: string;
	branch: string;
	attempts: number;
};

type Listener = (entry: AttemptLogEntry) => void;

const ACTIVE: AttemptStatus[] = ['queued', 'preparing', 'running'];

class TaskRunner {
	/** Bumped whenever a task or attempt changes, so lists re-read. */
	version = $state(0);
	#scheduler = createScheduler({ concurrency: 2 });
	#sessions = new Map<string, AttemptSession>();
	#listeners = new Map<string, Set<Listener>>();
	/** The whole log of every attempt run in this page, so an opened page sees it at once. */
	#memory = new Map<string, AttemptLogEntry[]>();
	#network = new Map<string, NetworkState>();
	#recovered: Promise<void> | undefined;
	/** The attempt engine's chunk, once asked for (see warmUp). */
	#engine: Promise<void> | undefined;

	/** Attempts that were running when the page went away are interrupted, not lost. */
	recoverInterrupted(): Promise<void> {
		this.#recovered ??= (async () => {
			const db = await appDb();
			for (const attempt of await attemptsRepo(db).all()) {
				if (!ACTIVE.includes(attempt.status)) continue;
				const message = 'The page was closed or reloaded while this attempt ran.';
				await this.#append(attempt.id, [{ kind: 'status', status: 'interrupted', message }]);
				await attemptsRepo(db).put({ ...attempt, status: 'interrupted', updatedAt: Date.now() });
			}
			this.version++;
		})();
		return this.#recovered;
	}

	entries(attemptId: string): readonly AttemptLogEntry[] | undefined {
		return this.#memory.get(attemptId);
	}

	subscribe(attemptId: string, listener: Listener): () => void {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- listeners, not page state
		const set = this.#listeners.get(attemptId) ?? new Set();
		set.add(listener);
		this.#listeners.set(attemptId, set);
		return () => set.delete(listener);
	}

	/** Marks one attempt of a task as the chosen one. */
	async chooseAttempt(taskId: string, attemptId: string): Promise<void> {
		const db = await appDb();
		const task = await tasksRepo(db).get(taskId);
		if (!task) return;
		await tasksRepo(db).put({ ...task, chosenAttemptId: attemptId, updatedAt: Date.now() });
		this.version++;
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
		await tasksRepo(db).put(task);
		for (let index = 0; index < input.attempts; index++) {
			const attempt: AttemptRecord = {
				id: newId(),
				taskId: task.id,
				index,
				status: 'queued',
				createdAt: now,
				updatedAt: now
			};
			await attemptsRepo(db).put(attempt);
			this.#start(attempt, task, input.prompt);
		}
		this.version++;
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
		const db = await appDb();
		const attempt = await attemptsRepo(db).get(attemptId);
		const task = attempt && (await tasksRepo(db).get(attempt.taskId));
		if (!attempt || !task) return;
		this.#start(attempt, task, text);
	}

	/** Continues an attempt a previous page left unfinished: fresh sandbox, edits replayed. */
	async continueAttempt(attemptId: string): Promise<void> {
		const db = await appDb();
		const attempt = await attemptsRepo(db).get(attemptId);
		const task = attempt && (await tasksRepo(db).get(attempt.taskId));
		if (!attempt || !task) return;
		const entries = (await eventsRepo(db).list(attemptId)).map((r) => r.data as AttemptLogEntry);
		const { RESUME_MESSAGE, resumeFromLog } = await loadEngine();
		const resume = resumeFromLog(entries);
		void this.#setStatus(attempt.id, 'queued');
		this.#scheduler.enqueue(attempt.id, (signal) =>
			this.#run(attempt, task, RESUME_MESSAGE, signal, resume)
		);
	}

	cancel(attemptId: string): void {
		this.#scheduler.cancel(attemptId);
	}

	isLive(attemptId: string): boolean {
		const state = this.#scheduler.state(attemptId);
		return state === 'queued' || state === 'running';
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

	#start(attempt: AttemptRecord, task: TaskRecord, userText: string) {
		void this.#setStatus(attempt.id, 'queued');
		this.#scheduler.enqueue(attempt.id, (signal) => this.#run(attempt, task, userText, signal));
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
			startSeq: await eventsRepo(db).nextSeq(attempt.id),
			merge: mergeLogEntries,
			urgent: isUrgentEntry,
			write: (batch) =>
				eventsRepo(db).append(
					batch.map((b) => ({
						attemptId: attempt.id,
						seq: b.seq,
						time: b.time,
						type: b.entry.kind,
						data: b.entry
					}))
				)
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
		// Setup needs the network (installs); the agent phase switches to the environment's policy.
		let network: NetworkState = this.#network.get(attempt.id) ?? {
			policy: defaultSetupPolicy,
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
			this.version++;
		});
		this.#writes.set(
			attemptId,
			next.catch(() => {})
		);
		return next;
	}

	async #append(attemptId: string, entries: AttemptLogEntry[]) {
		const events = eventsRepo(await appDb());
		const start = await events.nextSeq(attemptId);
		await events.append(
			entries.map((entry, i) => ({
				attemptId,
				seq: start + i,
				time: Date.now(),
				type: entry.kind,
				data: entry
			}))
		);
	}
}

export const taskRunner = new TaskRunner();

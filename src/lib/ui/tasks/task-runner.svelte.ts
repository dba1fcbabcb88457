// The tab's scheduler of attempts: it creates, queues, runs, cancels, follows up and continues
// them. Which attempts this tab runs (their locks, recovery) is attempt-ownership; records and
// logs are written by the attempts store; sandboxes kept for follow-ups are attempt-sessions,
// network phases network-states. The heavy half
// (agent, model client, sandbox runtimes) is attempt-engine.ts, loaded with `import()` when an
// attempt starts, so pages that only list or create tasks stay light.
import type { ProposedTask } from '$lib/core/agent';
import type { Budget } from '$lib/core/cost';
import type { ImageAttachment } from '$lib/core/model';
import type { RunAttemptInput } from '$lib/core/run';
import {
	environmentsRepo,
	newId,
	settingsRepo,
	settingsSecrets,
	type AttemptRecord,
	type TaskMode,
	type TaskRecord
} from '$lib/core/store';
import {
	createLogMasker,
	createScheduler,
	isActiveStatus,
	taskTitle,
	type AttemptLogEntry,
	type JobState
} from '$lib/core/tasks';
import { appDb } from '../db';
import { pageChannel } from './attempt-channel';
import { attemptOwnership } from './attempt-ownership.svelte';
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
	budget?: Budget | null;
	budgetSplit?: 'share' | 'split';
	images?: ImageAttachment[];
	issue?: TaskRecord['issue'];
};

class TaskRunner {
	#scheduler = createScheduler({
		concurrency: 2,
		onChange: (id, state) => this.#onJob(id, state)
	});
	/** Jobs whose run began (a job cancelled while queued never ran). */
	#started = new Set<string>();
	#recovered: Promise<void> | undefined;
	/** The attempt engine's chunk, once asked for (see warmUp). */
	#engine: Promise<void> | undefined;

	/**
	 * Attempts that were running when their page went away are interrupted, not lost (those
	 * another tab runs are left alone); from here on this tab hears the others' requests.
	 */
	recoverInterrupted(): Promise<void> {
		this.#recovered ??= (async () => {
			pageChannel().listen((message) => {
				if (message.type === 'cancel' && attemptOwnership.owns(message.attemptId))
					this.#scheduler.cancel(message.attemptId);
				// Another tab runs the attempt on: the sandbox this tab kept is behind it now.
				if (message.type === 'log' && !attemptOwnership.owns(message.attemptId))
					void attemptSessions.drop(message.attemptId);
			});
			await attemptsStore.load();
			await attemptOwnership.recover();
		})();
		return this.#recovered;
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
			...(input.budget ? { budget: input.budget, budgetSplit: input.budgetSplit ?? 'share' } : {}),
			...(input.images?.length ? { images: input.images } : {}),
			...(input.issue ? { issue: input.issue } : {}),
			createdAt: now,
			updatedAt: now
		};
		const attempts = Array.from({ length: input.attempts }, (_, index): AttemptRecord => ({
			...{ id: newId(), taskId: task.id, index, status: 'queued' },
			...{ createdAt: now, updatedAt: now }
		}));
		// Locked before the records exist: no other tab ever sees them active and unowned.
		for (const attempt of attempts) await attemptOwnership.own(attempt.id);
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

	/**
	 * A follow-up on any attempt that is not running, in any tab: with the sandbox this tab holds,
	 * or else one rebuilt from the stored result (or the log's edits) with the log's conversation.
	 */
	async followUp(attemptId: string, text: string): Promise<void> {
		const claimed = await this.#claim(attemptId, (a) => !isActiveStatus(a.status));
		if (!claimed) return;
		const { attempt, task } = claimed;
		const resume = attemptSessions.has(attemptId) ? undefined : await this.#rebuild(attempt);
		this.#enqueue(attempt, task, text, resume);
	}

	/** Continues an attempt a previous page left unfinished: fresh sandbox, edits replayed. */
	async continueAttempt(attemptId: string): Promise<void> {
		// Another tab may have continued it first: then it is no longer interrupted here.
		const claimed = await this.#claim(attemptId, (a) => a.status === 'interrupted');
		if (!claimed) return;
		const { RESUME_MESSAGE } = await loadEngine();
		this.#enqueue(
			claimed.attempt,
			claimed.task,
			RESUME_MESSAGE,
			await this.#rebuild(claimed.attempt)
		);
	}

	/** Cancels a run of this tab, or asks the tab that runs the attempt to cancel it. */
	cancel(attemptId: string): void {
		if (attemptOwnership.owns(attemptId)) this.#scheduler.cancel(attemptId);
		else pageChannel().post({ type: 'cancel', attemptId });
	}

	/** Whether this tab runs the attempt (reactive). */
	isLive(attemptId: string): boolean {
		return attemptOwnership.owns(attemptId);
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

	/**
	 * How a run without the attempt's sandbox gets it back: an interrupted run replays its edits
	 * from the log (its stored result, if any, is older than them); any other uses its result.
	 */
	async #rebuild(attempt: AttemptRecord): Promise<RunAttemptInput['resume']> {
		const entries = (await attemptsStore.readLog(attempt.id)).map((numbered) => numbered.entry);
		const { resumeFromLog } = await loadEngine();
		return resumeFromLog(entries, attempt.status === 'interrupted' ? undefined : attempt.result);
	}

	/** The attempt's lock and its task, when the attempt (read under the lock) is `ready`. */
	async #claim(attemptId: string, ready: (attempt: AttemptRecord) => boolean) {
		const job = this.#scheduler.state(attemptId);
		if (job === 'queued' || job === 'running') return undefined;
		const attempt = await attemptOwnership.claim(attemptId, ready);
		const task = attempt && attemptsStore.task(attempt.taskId);
		if (attempt && task) return { attempt, task };
		if (attempt) attemptOwnership.letGo(attemptId);
		return undefined;
	}

	#enqueue(
		attempt: AttemptRecord,
		task: TaskRecord,
		userText: string,
		resume?: RunAttemptInput['resume']
	) {
		this.#started.delete(attempt.id);
		void attemptsStore.setStatus(attempt.id, 'queued');
		this.#scheduler.enqueue(attempt.id, (signal) =>
			this.#run(attempt, task, userText, signal, resume)
		);
	}

	#onJob(attemptId: string, state: JobState) {
		if (state === 'running') this.#started.add(attemptId);
		if (state !== 'finished' && state !== 'cancelled') return;
		const written = (async () => {
			if (!this.#started.has(attemptId)) {
				const message = 'Cancelled before it started.';
				await attemptsStore.appendLog(attemptId, [
					{ kind: 'status', status: 'cancelled', message }
				]);
				await attemptsStore.setStatus(attemptId, 'cancelled');
			}
			await attemptsStore.written(attemptId);
		})();
		// Only once the last status is stored, so a tab that takes the lock next reads the attempt
		// as it ended.
		attemptOwnership.releaseAfter(attemptId, written);
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
		// Masked before it is stored or shown: Settings' keys and the environment's secrets.
		const masker = createLogMasker([
			...settingsSecrets(settings),
			...(environment?.setupSecrets ?? []).map((secret) => secret.value)
		]);
		const emit = (entry: AttemptLogEntry) => {
			for (const masked of masker.push(entry)) log.append(masked);
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
			for (const masked of masker.end()) log.append(masked);
			await log.close();
		}
	}
}

export const taskRunner = new TaskRunner();

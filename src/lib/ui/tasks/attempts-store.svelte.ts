// Tasks, attempts and their logs: the one module that writes them. Readers get `$state.raw`
// snapshots (frozen, replaced whole on every change) and the live entries of the runs in this
// tab; other tabs' changes arrive over the attempt channel and are read back from IndexedDB.
// Every record write is a read-modify-write in one transaction, so writers — in this tab or
// another — never lose each other's change.
import {
	attemptsRepo,
	eventsRepo,
	tasksRepo,
	type AttemptRecord,
	type AttemptResult,
	type AttemptStatus,
	type PatchbayDb,
	type TaskRecord,
	type ViewedMark
} from '$lib/core/store';
import {
	createEventLog,
	isUrgentEntry,
	mergeLogEntries,
	type AttemptLogEntry
} from '$lib/core/tasks';
import { appDb } from '../db';
import { pageChannel, type AttemptChannel, type AttemptMessage } from './attempt-channel';

/** A stored log entry with the number the store gave it. */
export type NumberedEntry = { seq: number; entry: AttemptLogEntry };

/** A run's log in this tab: shown live at once, stored in batches. */
export type RunLog = {
	append(entry: AttemptLogEntry): void;
	/** Stores what is left and stops treating the log as live here. */
	close(): Promise<void>;
};

type Listener = (entry: AttemptLogEntry) => void;
type Pushed = NonNullable<AttemptResult['pushed']>;

const byIndex = (a: AttemptRecord, b: AttemptRecord) => a.index - b.index;
const newestFirst = (a: TaskRecord, b: TaskRecord) => b.createdAt - a.createdAt;

/**
 * The list with `record` in place of the one with its id (added when new). A record older than
 * the one held (a read that another write overtook) is ignored.
 */
function replaced<T extends { id: string; updatedAt: number }>(
	list: readonly T[],
	record: T
): readonly T[] {
	const at = list.findIndex((item) => item.id === record.id);
	if (at >= 0 && list[at]!.updatedAt > record.updatedAt) return list;
	const frozen = Object.freeze(record);
	return Object.freeze(at < 0 ? [...list, frozen] : list.with(at, frozen));
}

export class AttemptsStore {
	#tasks = $state.raw<readonly TaskRecord[]>(Object.freeze([]));
	#attempts = $state.raw<readonly AttemptRecord[]>(Object.freeze([]));
	#loaded = $state(false);
	#db: () => Promise<PatchbayDb>;
	#channel: () => AttemptChannel;
	#loading: Promise<void> | undefined;
	// Bookkeeping, not page state: readers see the snapshots and the listeners' calls.
	/* eslint-disable svelte/prefer-svelte-reactivity */
	/** Each attempt's last record write, so a caller can wait until all of them are stored. */
	#writes = new Map<string, Promise<unknown>>();
	/** The whole log of every attempt run in this tab, so an opened page sees it at once. */
	#memory = new Map<string, AttemptLogEntry[]>();
	/** Attempts whose run log is open in this tab. */
	#live = new Set<string>();
	#listeners = new Map<string, Set<Listener>>();
	#storedListeners = new Map<string, Set<() => void>>();
	/* eslint-enable svelte/prefer-svelte-reactivity */

	constructor(db: () => Promise<PatchbayDb> = appDb, channel: () => AttemptChannel = pageChannel) {
		this.#db = db;
		this.#channel = channel;
	}

	/** Every task, newest first. */
	get tasks(): readonly TaskRecord[] {
		return this.#tasks;
	}

	/** Every attempt, of every task. */
	get attempts(): readonly AttemptRecord[] {
		return this.#attempts;
	}

	get loaded(): boolean {
		return this.#loaded;
	}

	task(taskId: string): TaskRecord | undefined {
		return this.#tasks.find((task) => task.id === taskId);
	}

	attempt(attemptId: string): AttemptRecord | undefined {
		return this.#attempts.find((attempt) => attempt.id === attemptId);
	}

	attemptsOf(taskId: string): AttemptRecord[] {
		return this.#attempts.filter((attempt) => attempt.taskId === taskId).sort(byIndex);
	}

	/** Reads every task and attempt once, and from then on hears the other tabs. */
	load(): Promise<void> {
		this.#loading ??= (async () => {
			this.#channel().listen((message) => void this.#hear(message));
			const db = await this.#db();
			const [tasks, attempts] = await Promise.all([tasksRepo(db).all(), attemptsRepo(db).all()]);
			this.#tasks = Object.freeze(tasks.sort(newestFirst).map((t) => Object.freeze(t)));
			this.#attempts = Object.freeze(attempts.map((a) => Object.freeze(a)));
			this.#loaded = true;
		})();
		return this.#loading;
	}

	/** Stores a new task with its attempts; other tabs hear of it. */
	async addTask(task: TaskRecord, attempts: AttemptRecord[]): Promise<void> {
		await this.load();
		const db = await this.#db();
		await tasksRepo(db).put(task);
		for (const attempt of attempts) await attemptsRepo(db).put(attempt);
		this.#tasks = Object.freeze([
			Object.freeze(task),
			...this.#tasks.filter((t) => t.id !== task.id)
		]);
		for (const attempt of attempts) this.#attempts = replaced(this.#attempts, attempt);
		this.#channel().post({ type: 'task', taskId: task.id });
	}

	async chooseAttempt(taskId: string, attemptId: string): Promise<void> {
		await this.load();
		const task = await tasksRepo(await this.#db()).update(taskId, (current) => ({
			...current,
			chosenAttemptId: attemptId,
			updatedAt: Date.now()
		}));
		if (!task) return;
		this.#tasks = replaced(this.#tasks, task);
		this.#channel().post({ type: 'task', taskId });
	}

	setStatus(attemptId: string, status: AttemptStatus): Promise<void> {
		return this.#updateAttempt(attemptId, (attempt) => ({ ...attempt, status }));
	}

	/** Keeps what an attempt produced (a push already made stays remembered). */
	saveResult(attemptId: string, result: Omit<AttemptResult, 'pushed'>): Promise<void> {
		return this.#updateAttempt(attemptId, (attempt) => ({
			...attempt,
			result: { ...result, pushed: attempt.result?.pushed }
		}));
	}

	/** Remembers a push (the branch, later pushes fast-forward it). */
	rememberPush(attemptId: string, pushed: Pushed): Promise<void> {
		return this.#updateAttempt(attemptId, (attempt) =>
			attempt.result ? { ...attempt, result: { ...attempt.result, pushed } } : attempt
		);
	}

	/** Keeps the review's Viewed marks with the attempt, so a reload or another tab has them. */
	setViewed(attemptId: string, viewed: readonly ViewedMark[]): Promise<void> {
		return this.#updateAttempt(attemptId, (attempt) => ({
			...attempt,
			viewed: viewed.map(({ path, digest }) => ({ path, digest }))
		}));
	}

	/** Resolves once every record write of the attempt asked for so far is stored. */
	async written(attemptId: string): Promise<void> {
		await this.#writes.get(attemptId);
	}

	/** The entries of the attempt's run in this tab (undefined when it never ran here). */
	liveEntries(attemptId: string): readonly AttemptLogEntry[] | undefined {
		return this.#memory.get(attemptId);
	}

	/** Entries as this tab's run of the attempt produces them. */
	subscribe(attemptId: string, listener: Listener): () => void {
		return addTo(this.#listeners, attemptId, listener);
	}

	/** Called when entries of the attempt's log were stored other than by this tab's run. */
	onStored(attemptId: string, listener: () => void): () => void {
		return addTo(this.#storedListeners, attemptId, listener);
	}

	async readLog(attemptId: string, fromSeq = 0): Promise<NumberedEntry[]> {
		const records = await eventsRepo(await this.#db()).list(attemptId, fromSeq);
		return records.map((record) => ({ seq: record.seq, entry: record.data as AttemptLogEntry }));
	}

	/**
	 * Stores entries at once (a status set outside a run); this tab's readers hear of them as the
	 * other tabs' do, since no run here hands them the entries.
	 */
	async appendLog(attemptId: string, entries: AttemptLogEntry[]): Promise<void> {
		const time = Date.now();
		await this.#storeLog(
			attemptId,
			entries.map((entry) => ({ time, entry }))
		);
		this.#storedElsewhere(attemptId);
	}

	/** Opens the log of a run in this tab. */
	async openRunLog(attemptId: string): Promise<RunLog> {
		if (!this.#memory.has(attemptId)) {
			const stored = await this.readLog(attemptId);
			this.#memory.set(
				attemptId,
				stored.map((numbered) => numbered.entry)
			);
		}
		const memory = this.#memory.get(attemptId)!;
		this.#live.add(attemptId);
		const log = createEventLog<AttemptLogEntry>({
			merge: mergeLogEntries,
			urgent: isUrgentEntry,
			write: (batch) => this.#storeLog(attemptId, batch),
			onError: (error, dropped) =>
				console.error(`Storing the log of ${attemptId} failed${dropped ? '' : ' (kept)'}`, error)
		});
		return {
			append: (entry) => {
				log.append(entry);
				memory.push(entry);
				for (const listener of this.#listeners.get(attemptId) ?? []) listener(entry);
			},
			close: async () => {
				await log.flush();
				this.#live.delete(attemptId);
			}
		};
	}

	/**
	 * One attempt's read-modify-write, in one transaction (which orders it against other tabs'),
	 * after this tab's earlier writes of the attempt; the snapshot follows.
	 */
	#updateAttempt(attemptId: string, change: (attempt: AttemptRecord) => AttemptRecord) {
		const previous = this.#writes.get(attemptId) ?? Promise.resolve();
		const write = previous.then(async () => {
			await this.load();
			const record = await attemptsRepo(await this.#db()).update(attemptId, (attempt) => ({
				...change(attempt),
				updatedAt: Date.now()
			}));
			if (!record) return;
			this.#attempts = replaced(this.#attempts, record);
			this.#channel().post({ type: 'attempt', attemptId });
		});
		this.#writes.set(
			attemptId,
			write.catch(() => {})
		);
		return write;
	}

	async #storeLog(attemptId: string, batch: { time: number; entry: AttemptLogEntry }[]) {
		const events = batch.map(({ time, entry }) => ({ time, type: entry.kind, data: entry }));
		await eventsRepo(await this.#db()).append(attemptId, events);
		this.#channel().post({ type: 'log', attemptId });
	}

	/** Entries of the attempt were stored, but not by a run log open in this tab. */
	#storedElsewhere(attemptId: string) {
		// What this tab held of that log is out of date.
		if (!this.#live.has(attemptId)) this.#memory.delete(attemptId);
		for (const listener of this.#storedListeners.get(attemptId) ?? []) listener();
	}

	async #hear(message: AttemptMessage) {
		await this.load(); // a record read now is never overwritten by the first listing
		const db = await this.#db();
		switch (message.type) {
			case 'log':
				return this.#storedElsewhere(message.attemptId);
			case 'attempt': {
				const record = await attemptsRepo(db).get(message.attemptId);
				if (record) this.#attempts = replaced(this.#attempts, record);
				return;
			}
			case 'task': {
				const task = await tasksRepo(db).get(message.taskId);
				if (!task) return;
				for (const attempt of await attemptsRepo(db).ofTask(task.id))
					this.#attempts = replaced(this.#attempts, attempt);
				this.#tasks = Object.freeze([...replaced(this.#tasks, task)].sort(newestFirst));
				return;
			}
			case 'cancel':
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

/** The page's attempts store. */
export const attemptsStore = new AttemptsStore();

// Which attempts this tab runs. One tab owns a run: it holds the attempt's Web Lock from before
// the attempt is queued until its last status is stored, and another tab seeing the lock taken
// leaves the attempt alone. After a reload, only attempts whose lock is free (no tab runs them)
// are interrupted; one that another tab runs is watched, and interrupted if that tab goes away.
import { SvelteMap } from 'svelte/reactivity';
import { attemptsRepo, type AttemptRecord } from '$lib/core/store';
import {
	attemptLocks,
	INTERRUPTED_MESSAGE,
	interruptWhenFreed,
	recoverInterrupted,
	type LockRequester,
	type RecoverDeps,
	type Release
} from '$lib/core/tasks';
import { appDb } from '../db';
import { attemptsStore } from './attempts-store.svelte';

/** Where Web Locks are missing, every lock is free: an attempt is then owned by no tab. */
const noLocks: LockRequester = {
	request: (_name, _options, callback) => Promise.resolve(callback({}))
};

class AttemptOwnership {
	/** The locks this tab holds, by attempt (reactive: pages ask whether this tab runs one). */
	#held = new SvelteMap<string, Release>();
	#locks = attemptLocks(globalThis.navigator?.locks ?? noLocks);
	/** Runs that ended and are storing their last writes before letting go of the lock. */
	#releasing = new Map<string, Promise<void>>();
	/** Attempts another tab runs, whose lock this tab waits for (to notice that tab going away). */
	#watching = new Set<string>();

	/** Whether this tab holds the attempt's lock (it runs it, or is about to). */
	owns(attemptId: string): boolean {
		return this.#held.has(attemptId);
	}

	/** Takes the lock of a new attempt, before its record exists. */
	async own(attemptId: string): Promise<void> {
		this.#held.set(attemptId, await this.#locks.acquire(attemptId));
	}

	/**
	 * Takes the attempt's lock (waiting for another tab to let go of it) when the attempt, read
	 * again under the lock, is `ready`; undefined (and the lock let go) when it is not.
	 */
	async claim(
		attemptId: string,
		ready: (attempt: AttemptRecord) => boolean
	): Promise<AttemptRecord | undefined> {
		await this.#releasing.get(attemptId); // a run of this tab that just ended lets go first
		if (this.#held.has(attemptId)) return undefined;
		await this.own(attemptId);
		const attempt = await attemptsRepo(await appDb()).get(attemptId);
		if (attempt && ready(attempt)) return attempt;
		this.letGo(attemptId);
		return undefined;
	}

	/** Lets go of the lock once `written` settles (the run's last writes are stored). */
	releaseAfter(attemptId: string, written: Promise<unknown>): void {
		const released = written.then(
			() => this.letGo(attemptId),
			() => this.letGo(attemptId)
		);
		this.#releasing.set(attemptId, released);
	}

	letGo(attemptId: string): void {
		void this.#held.get(attemptId)?.();
		this.#held.delete(attemptId);
	}

	/** Interrupts the attempts no tab runs any more; watches those another tab runs. */
	async recover(): Promise<void> {
		const { elsewhere } = await recoverInterrupted(await this.#recoverDeps());
		for (const id of elsewhere) this.watch(id);
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
}

export const attemptOwnership = new AttemptOwnership();

// Attempts that are queued or running in the store but that no tab runs any more (the page was
// closed or reloaded mid-run) become `interrupted`. "No tab runs it" is "its lock is free":
// an attempt whose lock another tab holds is running there and is left alone.
import type { AttemptRecord, AttemptStatus } from '../store/index.ts';
import type { AttemptLocks, Release } from './attempt-locks.ts';

const ACTIVE: readonly AttemptStatus[] = ['queued', 'preparing', 'running'];

export function isActiveStatus(status: AttemptStatus): boolean {
	return ACTIVE.includes(status);
}

export const INTERRUPTED_MESSAGE = 'The page was closed or reloaded while this attempt ran.';

export type RecoverDeps = {
	locks: AttemptLocks;
	all(): Promise<AttemptRecord[]>;
	get(attemptId: string): Promise<AttemptRecord | undefined>;
	/** Stores the `interrupted` status (record and log). Called while holding the lock. */
	interrupt(attempt: AttemptRecord): Promise<void>;
};

export type Recovered = { interrupted: string[]; elsewhere: string[] };

/** Interrupts every active attempt whose lock is free; names those running in another tab. */
export async function recoverInterrupted(deps: RecoverDeps): Promise<Recovered> {
	const recovered: Recovered = { interrupted: [], elsewhere: [] };
	for (const attempt of await deps.all()) {
		if (!isActiveStatus(attempt.status)) continue;
		const release = await deps.locks.tryAcquire(attempt.id);
		if (!release) recovered.elsewhere.push(attempt.id);
		else if (await settle(attempt.id, release, deps)) recovered.interrupted.push(attempt.id);
	}
	return recovered;
}

/**
 * Waits for the lock of an attempt another tab runs; once it is free, interrupts the attempt
 * if the store still has it active (its tab went away mid-run). True when it interrupted it.
 */
export async function interruptWhenFreed(attemptId: string, deps: RecoverDeps): Promise<boolean> {
	return settle(attemptId, await deps.locks.acquire(attemptId), deps);
}

async function settle(attemptId: string, release: Release, deps: RecoverDeps) {
	try {
		// Read again under the lock: the owner may have finished between the listing and now.
		const attempt = await deps.get(attemptId);
		if (!attempt || !isActiveStatus(attempt.status)) return false;
		await deps.interrupt(attempt);
		return true;
	} finally {
		await release();
	}
}

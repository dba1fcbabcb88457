// One tab owns a running attempt: it holds the attempt's Web Lock for the whole run (from the
// moment it is queued until its last write is stored). Another tab sees the lock taken and
// leaves the attempt alone; a lock that is free means no tab runs it. The lock manager is
// injected (the browser's `navigator.locks`, Node's, or a test's), so this runs anywhere.

/** The part of the Web Locks API used here (`LockManager.request`). */
export type LockRequester = {
	request(
		name: string,
		options: { ifAvailable?: boolean },
		callback: (lock: unknown) => Promise<void> | void
	): Promise<unknown>;
};

/** Releases a held lock; resolves once the lock manager has let it go. */
export type Release = () => Promise<void>;

export type AttemptLocks = {
	/** Waits until the attempt's lock is free, takes it, and resolves with its release. */
	acquire(attemptId: string): Promise<Release>;
	/** Takes the attempt's lock if it is free right now; null while another holder has it. */
	tryAcquire(attemptId: string): Promise<Release | null>;
};

export const ATTEMPT_LOCK_PREFIX = 'patchbay-attempt:';

export function attemptLocks(manager: LockRequester): AttemptLocks {
	// The lock is held while the callback's promise is pending; resolving it releases the lock.
	const take = (attemptId: string, ifAvailable: boolean) =>
		new Promise<Release | null>((resolve, reject) => {
			const request = manager
				.request(ATTEMPT_LOCK_PREFIX + attemptId, { ifAvailable }, (lock) => {
					if (lock === null) return resolve(null);
					return new Promise<void>((release) =>
						resolve(() => {
							release();
							return released;
						})
					);
				})
				.catch(reject);
			const released = request.then(() => {});
		});
	return {
		acquire: async (attemptId) => (await take(attemptId, false))!,
		tryAcquire: (attemptId) => take(attemptId, true)
	};
}

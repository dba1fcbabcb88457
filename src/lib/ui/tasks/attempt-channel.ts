// What one tab tells the others about attempts (a BroadcastChannel: same origin, other tabs
// only). The messages carry no records and no log entries: a tab that hears of a change reads
// it from the store, which stays the one source of truth.

export type AttemptMessage =
	/** New entries of this attempt's log are stored. */
	| { type: 'log'; attemptId: string }
	/** This attempt's record changed. */
	| { type: 'attempt'; attemptId: string }
	/** This task's record changed, or it was created (with its attempts). */
	| { type: 'task'; taskId: string }
	/** A tab watching this attempt asks the tab that runs it to cancel it. */
	| { type: 'cancel'; attemptId: string };

export type AttemptChannel = {
	post(message: AttemptMessage): void;
	/** Hears what other tabs post; returns the way to stop. */
	listen(listener: (message: AttemptMessage) => void): () => void;
};

const NAME = 'patchbay-attempts';

function isMessage(data: unknown): data is AttemptMessage {
	if (typeof data !== 'object' || data === null) return false;
	const { type, attemptId, taskId } = data as Record<string, unknown>;
	if (type === 'task') return typeof taskId === 'string';
	return (
		(type === 'log' || type === 'attempt' || type === 'cancel') && typeof attemptId === 'string'
	);
}

let shared: AttemptChannel | undefined;

/**
 * The page's one channel, opened on first use (never while the app is prerendered). Without
 * BroadcastChannel, posts go nowhere.
 */
export function pageChannel(): AttemptChannel {
	if (shared) return shared;
	const listeners = new Set<(message: AttemptMessage) => void>();
	const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(NAME);
	if (channel)
		channel.onmessage = (event: MessageEvent) => {
			if (!isMessage(event.data)) return;
			for (const listener of listeners) listener(event.data);
		};
	shared = {
		post: (message) => channel?.postMessage(message),
		listen(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		}
	};
	return shared;
}

// What one tab tells the others about attempts (a BroadcastChannel: same origin, other tabs
// only). The messages carry no log entries: a tab that hears of new ones reads them from the
// store, which stays the one source of truth.

export type AttemptMessage =
	/** New entries of this attempt's log are stored. */
	| { type: 'log'; attemptId: string }
	/** A task or attempt record changed. */
	| { type: 'records' }
	/** A tab watching this attempt asks the tab that runs it to cancel it. */
	| { type: 'cancel'; attemptId: string };

export type AttemptChannel = { post(message: AttemptMessage): void; close(): void };

const NAME = 'patchbay-attempts';

function isMessage(data: unknown): data is AttemptMessage {
	if (typeof data !== 'object' || data === null) return false;
	const { type, attemptId } = data as { type?: unknown; attemptId?: unknown };
	if (type === 'records') return true;
	return (type === 'log' || type === 'cancel') && typeof attemptId === 'string';
}

/** Opens the channel; without BroadcastChannel (old browsers, Node) posts go nowhere. */
export function openAttemptChannel(onMessage: (message: AttemptMessage) => void): AttemptChannel {
	if (typeof BroadcastChannel === 'undefined') return { post() {}, close() {} };
	const channel = new BroadcastChannel(NAME);
	channel.onmessage = (event: MessageEvent) => {
		if (isMessage(event.data)) onMessage(event.data);
	};
	return {
		post: (message) => channel.postMessage(message),
		close: () => channel.close()
	};
}

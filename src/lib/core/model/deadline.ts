// Time limits for one model request. The SDK's own timeout ends at the response headers, so a
// server that stalls mid-stream (or a proxy that holds the socket open) would keep an attempt
// "running" for ever. Each request gets a StreamDeadline: a connect limit until the headers
// arrive, then an idle limit between bytes. When one runs out it aborts the request's signal,
// which the SDK passes to fetch, so the socket is closed, not just left behind.

export const DEFAULT_CONNECT_TIMEOUT_MS = 60_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 90_000;

export type DeadlineLimits = { connectMs: number; idleMs: number };

/** Which limit ran out, and how long it was. */
export type Expired = { phase: 'connect' | 'idle'; ms: number };

export class StreamDeadline {
	/** Aborts when the caller's signal does, or when a limit runs out. */
	readonly signal: AbortSignal;
	expired: Expired | undefined;
	#controller = new AbortController();
	#limits: DeadlineLimits;
	#phase: Expired['phase'] = 'connect';
	#timer: ReturnType<typeof setTimeout> | undefined;
	#paused = false;
	#disposed = false;
	#outer: AbortSignal;
	#onOuterAbort = () => this.#controller.abort(this.#outer.reason);

	constructor(limits: DeadlineLimits, outer: AbortSignal) {
		this.#limits = limits;
		this.#outer = outer;
		this.signal = this.#controller.signal;
		if (outer.aborted) this.#onOuterAbort();
		else outer.addEventListener('abort', this.#onOuterAbort, { once: true });
		this.#arm();
	}

	/**
	 * `fetch` that reports the response headers and every piece of the body to this deadline.
	 * Bytes count, not parsed events: a server's keep-alive comments show it is still there.
	 */
	watch(fetch: typeof globalThis.fetch): typeof globalThis.fetch {
		return async (input, init) => {
			const response = await fetch(input, init);
			this.#phase = 'idle';
			this.#arm();
			if (!response.body) return response;
			const touch = () => this.#arm();
			const body = response.body.pipeThrough(
				new TransformStream<Uint8Array, Uint8Array>({
					transform(chunk, controller) {
						touch();
						controller.enqueue(chunk);
					}
				})
			);
			const { status, statusText, headers } = response;
			return new Response(body, { status, statusText, headers });
		};
	}

	/** The consumer holds the reply: its time is not the server's silence. */
	pause(): void {
		this.#paused = true;
		clearTimeout(this.#timer);
	}

	resume(): void {
		this.#paused = false;
		this.#arm();
	}

	dispose(): void {
		// The SDK may still read the rest of a finished body: that must not start a new clock.
		this.#disposed = true;
		clearTimeout(this.#timer);
		this.#outer.removeEventListener('abort', this.#onOuterAbort);
	}

	#arm(): void {
		clearTimeout(this.#timer);
		if (this.#paused || this.#disposed || this.signal.aborted) return;
		const ms = this.#phase === 'connect' ? this.#limits.connectMs : this.#limits.idleMs;
		this.#timer = setTimeout(() => {
			this.expired = { phase: this.#phase, ms };
			this.#controller.abort();
		}, ms);
	}
}

/** What the person reads: the limit in seconds (in ms when under one, as tests set). */
export function describeExpiry({ phase, ms }: Expired): string {
	const limit = ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
	return phase === 'connect'
		? `The model server did not answer within ${limit}.`
		: `The model sent nothing for ${limit}.`;
}

// One script being played: which step comes next, and everything it has seen. Parallel tests
// each get their own session so their scripts never interleave.
import { failuresOf } from './checks.ts';
import { describeLast } from './messages.ts';
import type { ChatRequest, Step } from './script.ts';

export type Mismatch = {
	session: string;
	/** 0-based index of the step the request was checked against; null when none was left. */
	step: number | null;
	message: string;
};

export type SessionOptions = { apiKey?: string; models?: string[] };

/** What `GET /_scripts/<id>` answers. */
export type SessionState = {
	id: string;
	steps: number;
	consumed: number;
	requests: ChatRequest[];
	mismatches: Mismatch[];
	/** Requests the client abandoned before their reply was complete. */
	aborted: number;
};

/** Records shared by all sessions of a server, in arrival order. */
export type Journal = {
	requests: ChatRequest[];
	mismatches: Mismatch[];
	onMismatch?: (mismatch: Mismatch) => void;
};

export type Taken = { step: Step; index: number } | { mismatch: Mismatch };

export class Session {
	readonly id: string;
	readonly apiKey: string | undefined;
	readonly models: string[] | undefined;
	#steps: Step[];
	#journal: Journal;
	#consumed = 0;
	#requests: ChatRequest[] = [];
	#mismatches: Mismatch[] = [];
	#aborted = 0;

	constructor(id: string, steps: Step[], options: SessionOptions, journal: Journal) {
		this.id = id;
		this.apiKey = options.apiKey;
		this.models = options.models;
		this.#steps = steps;
		this.#journal = journal;
	}

	/** Records `request` and returns the step that answers it, or why none does. */
	take(request: ChatRequest): Taken {
		this.#requests.push(request);
		this.#journal.requests.push(request);
		const index = this.#consumed;
		const total = this.#steps.length;
		const step = this.#steps[index];
		if (!step) {
			const message =
				`Script exhausted: request ${this.#requests.length} arrived after all ${total} ` +
				`step${total === 1 ? ' was' : 's were'} used; ${describeLast(request)}`;
			return { mismatch: this.reject(message, null) };
		}
		const failures = failuresOf(step.expect, request);
		if (failures.length) {
			const message = `Script mismatch at step ${index + 1} of ${total}: ${failures.join('; ')}`;
			return { mismatch: this.reject(message, index) };
		}
		// A mismatch leaves the step in place: the test has failed, and later requests should not
		// be judged against the wrong step.
		this.#consumed += 1;
		return { step, index };
	}

	/** Records a request this session could not answer. */
	reject(message: string, step: number | null): Mismatch {
		const mismatch: Mismatch = { session: this.id, step, message };
		this.#mismatches.push(mismatch);
		this.#journal.mismatches.push(mismatch);
		this.#journal.onMismatch?.(mismatch);
		return mismatch;
	}

	noteAborted(): void {
		this.#aborted += 1;
	}

	/** How many requests this session has recorded. */
	get received(): number {
		return this.#requests.length;
	}

	get requests(): ChatRequest[] {
		return [...this.#requests];
	}

	get mismatches(): Mismatch[] {
		return [...this.#mismatches];
	}

	state(): SessionState {
		return structuredClone({
			id: this.id,
			steps: this.#steps.length,
			consumed: this.#consumed,
			requests: this.#requests,
			mismatches: this.#mismatches,
			aborted: this.#aborted
		});
	}
}

// The sessions a server holds: the default one behind `/v1`, and one per `POST /_scripts`.
import { randomUUID } from 'node:crypto';
import type { Step } from './script.ts';
import { type Journal, Session, type SessionOptions } from './session.ts';
import { parseSteps } from './validate.ts';

export const DEFAULT_SESSION = 'default';

export class Registry {
	readonly journal: Journal;
	#defaults: SessionOptions;
	#sessions = new Map<string, Session>();

	constructor(defaults: SessionOptions, onMismatch?: Journal['onMismatch']) {
		this.#defaults = defaults;
		this.journal = { requests: [], mismatches: [], onMismatch };
		this.create([], {}, DEFAULT_SESSION);
	}

	/** Validates `steps` (throwing a ScriptError) and starts a session; an id in use is replaced. */
	create(steps: Step[], options: SessionOptions = {}, id = randomUUID().slice(0, 8)): Session {
		const session = new Session(
			id,
			parseSteps(steps),
			{
				apiKey: options.apiKey ?? this.#defaults.apiKey,
				models: options.models ?? this.#defaults.models
			},
			this.journal
		);
		this.#sessions.set(id, session);
		return session;
	}

	get(id: string): Session | undefined {
		return this.#sessions.get(id);
	}

	delete(id: string): boolean {
		return id !== DEFAULT_SESSION && this.#sessions.delete(id);
	}
}

// The sandboxes this tab keeps for finished Code attempts, so a follow-up continues with the
// same files and conversation. Reactive: the task page offers a follow-up while one is held.
import { SvelteMap } from 'svelte/reactivity';
import type { AttemptSession } from '$lib/core/run';

class AttemptSessions {
	#held = new SvelteMap<string, AttemptSession>();

	has(attemptId: string): boolean {
		return this.#held.has(attemptId);
	}

	get(attemptId: string): AttemptSession | undefined {
		return this.#held.get(attemptId);
	}

	/** Keeps a session (one held before for the attempt is replaced, not disposed: it is the same sandbox). */
	keep(attemptId: string, session: AttemptSession): void {
		this.#held.set(attemptId, session);
	}

	/** Lets go of a session (its sandbox disposed), when it no longer is the attempt's state. */
	async drop(attemptId: string): Promise<void> {
		const session = this.#held.get(attemptId);
		if (!session) return;
		this.#held.delete(attemptId);
		await session.sandbox.dispose();
	}

	/** The baseline's paths of a held attempt (for the file view). */
	baselinePaths(attemptId: string): string[] | undefined {
		return this.#held.get(attemptId)?.baseline.entries.map((entry) => entry.path);
	}

	/** A baseline file of a held attempt; null when absent, undefined when nothing is held. */
	async baselineFile(attemptId: string, path: string): Promise<Uint8Array | null | undefined> {
		const session = this.#held.get(attemptId);
		if (!session) return undefined;
		const entry = session.baseline.entries.find((e) => e.path === path);
		return entry ? session.readBaseline(entry.oid) : null;
	}
}

export const attemptSessions = new AttemptSessions();

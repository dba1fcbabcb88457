import { settingsRepo, settingsSecrets } from '$lib/core/store';
import { buildLogView, logEntryMasker, type AttemptLogEntry, type LogView } from '$lib/core/tasks';
import { appDb } from '../db';
import { attemptsStore } from './attempts-store.svelte';

/**
 * One attempt's log for the task page: what is stored, then live entries as they come — from
 * this tab's run as they are emitted, or, when another tab runs it, read from the store each
 * time that tab says it stored more. The view is rebuilt at most once per animation frame, so a
 * fast stream does not re-render per token.
 */
export class AttemptLog {
	view = $state.raw<LogView>(buildLogView([]));
	loaded = $state(false);
	#attemptId: string | undefined;
	#entries: AttemptLogEntry[] = [];
	/** The store's number for the next entry, while #entries is exactly what is stored. */
	#nextSeq: number | undefined;
	#reading: Promise<void> = Promise.resolve();
	#frame = 0;
	#unsubscribe: (() => void)[] = [];
	/** Settings' secrets out of what is shown, also of logs stored before they were saved. */
	#mask: (entry: AttemptLogEntry) => AttemptLogEntry = (entry) => entry;

	async open(attemptId: string): Promise<void> {
		this.close();
		this.#attemptId = attemptId;
		const settings = await settingsRepo(await appDb()).get();
		if (this.#attemptId !== attemptId) return;
		this.#mask = logEntryMasker(settingsSecrets(settings));
		// Subscribe first: whatever arrives from now on is appended to what is read below.
		const early: AttemptLogEntry[] = [];
		let ready = false;
		this.#unsubscribe = [
			attemptsStore.subscribe(attemptId, (entry) =>
				ready ? this.#push(entry) : early.push(this.#mask(entry))
			),
			attemptsStore.onStored(attemptId, () => this.#readStored(attemptId))
		];
		const held = attemptsStore.liveEntries(attemptId);
		if (held) this.#entries = held.map(this.#mask);
		else {
			await this.#readStored(attemptId);
			if (this.#attemptId !== attemptId) return;
			if (early.length > 0) this.#nextSeq = undefined;
			this.#entries.push(...early);
		}
		ready = true;
		this.view = buildLogView(this.#entries);
		this.loaded = true;
	}

	close(): void {
		for (const unsubscribe of this.#unsubscribe) unsubscribe();
		this.#unsubscribe = [];
		this.#attemptId = undefined;
		cancelAnimationFrame(this.#frame);
		this.#frame = 0;
		this.#entries = [];
		this.#nextSeq = undefined;
		this.loaded = false;
	}

	/** Reads what is new in the store (all of it when the held entries are not the stored ones). */
	#readStored(attemptId: string): Promise<void> {
		this.#reading = this.#reading
			.then(async () => {
				if (this.#attemptId !== attemptId) return;
				const from = this.#nextSeq ?? 0;
				const records = await attemptsStore.readLog(attemptId, from);
				if (this.#attemptId !== attemptId) return;
				const entries = records.map((numbered) => this.#mask(numbered.entry));
				this.#entries = from === 0 ? entries : [...this.#entries, ...entries];
				this.#nextSeq = (records.at(-1)?.seq ?? from - 1) + 1;
				if (this.loaded) this.#render();
			})
			.catch((error) => console.error(`Reading the log of ${attemptId} failed`, error));
		return this.#reading;
	}

	#push(entry: AttemptLogEntry) {
		this.#entries.push(this.#mask(entry));
		// Merged on the way to the store, so the stored numbering no longer matches #entries.
		this.#nextSeq = undefined;
		this.#render();
	}

	#render() {
		this.#frame ||= requestAnimationFrame(() => {
			this.#frame = 0;
			this.view = buildLogView(this.#entries);
		});
	}
}

// Every usage entry this browser stored, with its time, for Settings' spend report. Reads the
// logs attempt by attempt; only usage events are kept in memory.
import type { TimedEntry } from '$lib/core/cost';
import { attemptsRepo, eventsRepo } from '$lib/core/store';
import type { AttemptLogEntry } from '$lib/core/tasks';
import { appDb } from '../db';

export async function storedUsage(): Promise<TimedEntry[]> {
	const db = await appDb();
	const attempts = await attemptsRepo(db).all();
	const found: TimedEntry[] = [];
	for (const attempt of attempts) {
		for (const record of await eventsRepo(db).list(attempt.id)) {
			const entry = record.data as AttemptLogEntry;
			if (entry.kind === 'agent' && entry.event.type === 'usage')
				found.push({ time: record.time, entry });
		}
	}
	return found;
}

// The usage events of stored attempts, for costs shown beside attempts not open on the page (the
// task's other attempts, the task list). Kept per attempt until its record changes.
import { usageEventsOf, type UsageEvent } from '$lib/core/cost';
import type { AttemptRecord } from '$lib/core/store';
import { attemptsStore } from '../tasks/attempts-store.svelte';

const cache = new Map<string, { updatedAt: number; events: Promise<UsageEvent[]> }>();

export function storedUsageOf(attempt: AttemptRecord): Promise<UsageEvent[]> {
	const held = cache.get(attempt.id);
	if (held && held.updatedAt === attempt.updatedAt) return held.events;
	const events = attemptsStore
		.readLog(attempt.id)
		.then((records) => usageEventsOf(records.map((record) => record.entry)));
	cache.set(attempt.id, { updatedAt: attempt.updatedAt, events });
	return events;
}

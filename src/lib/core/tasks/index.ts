// Tasks and attempts, the light half: scheduling, locks and recovery, the log (entries, batched
// writes, the page's view of it), titles and share sources. Nothing here loads the agent, the
// model client or a sandbox runtime: the run itself is `core/run`.
export { createScheduler, type Scheduler, type JobState } from './scheduler.ts';
export {
	createEventLog,
	type EventLog,
	type EventLogOptions,
	type StoredEntry
} from './event-log.ts';
export { isUrgentEntry, mergeLogEntries, type AttemptLogEntry } from './log-entry.ts';
export { createLogMasker, logEntryMasker, type LogMasker } from './log-masker.ts';
export { taskTitle } from './title.ts';
export {
	buildLogView,
	type LogItem,
	type LogView,
	type StepView,
	type UsageEvent
} from './log-view.ts';
export {
	logExcerpt,
	shareSourceOf,
	LOG_EXCERPT_CHARS,
	type ShareInput,
	type ShareScope
} from './share-source.ts';
export {
	attemptLocks,
	ATTEMPT_LOCK_PREFIX,
	type AttemptLocks,
	type LockRequester,
	type Release
} from './attempt-locks.ts';
export {
	recoverInterrupted,
	interruptWhenFreed,
	isActiveStatus,
	INTERRUPTED_MESSAGE,
	type RecoverDeps,
	type Recovered
} from './recover.ts';

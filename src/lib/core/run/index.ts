// The run of an attempt: the heavy half of the task lifecycle (agent, model client, tools,
// environment preparation). The page loads it on demand; `core/tasks` is the light half that
// lists, logs and shares attempts without pulling any of this in.
export {
	runAttempt,
	type AttemptSession,
	type RunAttemptInput,
	type RunAttemptResult
} from './run-attempt.ts';
export { attemptChanges, type AttemptChanges, type PatchFormatter } from './attempt-changes.ts';
export { conversationFromLog, replayPatches, RESUME_MESSAGE } from './resume.ts';
export { restoreResult, type RebuildTarget, type StoredResult } from './restore-result.ts';

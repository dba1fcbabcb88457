// The heavy half of the task runner, loaded by `import()` when an attempt starts (or continues,
// or its result is taken): the agent and its tools, the model client (the `openai` SDK), the
// sandbox runtimes (just-bash, the WebContainer client) and environment snapshots. The home page
// loads only the light half (task-runner.svelte.ts), so none of this counts before a task starts.
import { coreTools } from '$lib/core/agent';
import { credentialsOf } from '$lib/core/credentials';
import type { FileChange } from '$lib/core/diff';
import { createModelClient } from '$lib/core/model';
import type { NetworkAuditEvent } from '$lib/core/network';
import type { NetworkState } from '$lib/core/sandbox';
import { createEnvironmentSnapshots } from '$lib/core/snapshots';
import {
	snapshotsRepo,
	type AttemptResult,
	type EnvironmentRecord,
	type PatchbayDb,
	type Settings,
	type TaskRecord
} from '$lib/core/store';
export { RESUME_MESSAGE } from '$lib/core/run';
import {
	attemptChanges,
	conversationFromLog,
	replayPatches,
	restoreResult,
	runAttempt,
	type AttemptChanges,
	type AttemptSession,
	type RunAttemptInput,
	type RunAttemptResult,
	type StoredResult
} from '$lib/core/run';
import type { AttemptLogEntry } from '$lib/core/tasks';
import { gitAccess } from '../environments/environment-editor.svelte';
import { createSandbox } from '../sandbox/create-sandbox';
import { formatPatchInWorker } from '../workers/diff-client';
import { gitRequest } from '../workers/git-client';
import { sandboxFetch } from '../workers/sandbox-fetch';
import { taskSpendGuard } from '../cost/spend-guard';
import { pendingImages } from '../images/pending-images.svelte';

export type PageAttempt = {
	attemptId: string;
	task: TaskRecord;
	environment: EnvironmentRecord;
	settings: Settings;
	db: PatchbayDb;
	userText: string;
	session?: AttemptSession;
	resume?: RunAttemptInput['resume'];
	signal: AbortSignal;
	emit: (entry: AttemptLogEntry) => void;
	/** The network state of the current phase, read per request. */
	network: () => NetworkState;
	onAgentPhase: () => void;
};

/** One attempt's run with the page's wiring: git worker, sandbox runtime, model, tools. */
export function runPageAttempt(run: PageAttempt): Promise<RunAttemptResult> {
	const { environment, settings, task, emit } = run;
	const onAudit = (event: NetworkAuditEvent) => emit({ kind: 'network', event });
	return runAttempt({
		mode: task.mode,
		environment: { ...environment, defaultBranch: task.branch },
		userText: run.userText,
		// The prompt's pictures go with each attempt's first run; a follow-up's wait in pendingImages.
		userImages: run.session || run.resume ? pendingImages.take(run.attemptId) : run.task.images,
		session: run.session,
		model: createModelClient({
			baseURL: settings.model.baseURL,
			apiKey: settings.model.apiKey,
			model: settings.model.model,
			connectTimeoutMs: settings.model.connectTimeoutSeconds * 1000,
			idleTimeoutMs: settings.model.idleTimeoutSeconds * 1000
		}),
		// web_fetch exists only when the agent phase may use the network; it decides every hop.
		// MCP tools are the user's own choice per environment, called from the page (audited).
		tools: coreTools({
			...(environment.agentPolicy.access === 'on'
				? { webFetch: { state: run.network, onAudit, fetch: sandboxFetch } }
				: {}),
			mcp: {
				choices: environment.mcpTools ?? [],
				credentials: () => credentialsOf(settings),
				onAudit
			}
		}),
		prepare: {
			// The agent may start while the files arrive (no setup to run on them): prepare.ts.
			startEarly: true,
			checkout: (onProgress) =>
				gitRequest(
					{
						type: 'checkout',
						access: gitAccess(environment.repoUrl, settings),
						branch: task.branch
					},
					onProgress,
					run.signal
				),
			createSandbox: (checkedOut) =>
				createSandbox(environment.runtime, run.attemptId, {
					checkedOut,
					network: run.network,
					onAudit
				}),
			snapshots: createEnvironmentSnapshots({
				repo: snapshotsRepo(run.db),
				maxAgeMs: settings.storage.snapshotMaxAgeHours * 3_600_000
			})
		},
		log: emit,
		signal: run.signal,
		resume: run.resume,
		onAgentPhase: run.onAgentPhase,
		spendGuard: taskSpendGuard(task.id, run.attemptId, settings.model)
	});
}

/**
 * Going on without the attempt's sandbox: its conversation from the log, and its files from the
 * stored result when it has one (a finished Code attempt), else its apply_patch edits replayed.
 */
export function resumeFromLog(
	entries: AttemptLogEntry[],
	stored?: StoredResult
): NonNullable<RunAttemptInput['resume']> {
	return {
		messages: conversationFromLog(entries),
		replay: async (target) => {
			if (stored) return restoreResult(stored, target);
			const edits = await replayPatches(entries, target.sandbox);
			return `Sandbox rebuilt from the baseline and ${edits} replayed edit${edits === 1 ? '' : 's'}.`;
		}
	};
}

/** What a finished attempt keeps on its record: its changes (bytes kept for a push), patch, +/−. */
export async function resultOf(
	session: AttemptSession,
	branch: string,
	summary: string
): Promise<Omit<AttemptResult, 'pushed'>> {
	const { changes, patch, stats } = await sessionChanges(session);
	return {
		baseline: { commit: session.baseline.commit, tree: session.baseline.tree, branch },
		changes: changes.map(({ path, before, after, beforeMode, afterMode, oldPath }) => ({
			...{ path, before, after },
			...{ beforeMode, afterMode, oldPath }
		})),
		patch,
		additions: stats.reduce((n, s) => n + s.additions, 0),
		deletions: stats.reduce((n, s) => n + s.deletions, 0),
		summary
	};
}

function copyContents(change: FileChange): FileChange {
	return {
		...change,
		before: change.before?.slice() ?? null,
		after: change.after?.slice() ?? null
	};
}

/** What the attempt changed, its patch formatted in the diff worker. */
function sessionChanges(session: AttemptSession): Promise<AttemptChanges> {
	return attemptChanges(
		session.sandbox,
		session.baseline,
		session.readBaseline,
		// The worker takes its copies' buffers; the stored changes keep theirs for the push.
		{ format: (found) => formatPatchInWorker(found.map(copyContents)) }
	);
}

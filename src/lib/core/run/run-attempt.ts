// One attempt's run: prepare the environment (unless a follow-up reuses the sandbox), then the
// agent on the user's message, logging every step and reporting each status change.
import {
	buildSystemPrompt,
	loadAgentsInstructions,
	runAgent,
	type FinalEvent,
	type SpendGuard,
	type Tool
} from '../agent/index.ts';
import {
	prepareEnvironment,
	PrepareError,
	withAgentVariables,
	type PrepareDeps
} from '../environments/index.ts';
import type { Baseline } from '../git/index.ts';
import type { ImageAttachment, Message, ModelClient } from '../model/index.ts';
import type { NetworkPolicy } from '../network/index.ts';
import type { Sandbox } from '../sandbox/index.ts';
import type { AttemptStatus, EnvironmentRecord, TaskMode } from '../store/index.ts';
import type { AttemptLogEntry } from '../tasks/index.ts';
import type { RebuildTarget } from './restore-result.ts';

/** What a finished attempt keeps in the page so a follow-up can continue it. */
export type AttemptSession = {
	sandbox: Sandbox;
	baseline: Baseline;
	/** Baseline blob contents by oid: the attempt's diff is taken against them. */
	readBaseline: (oid: string) => Promise<Uint8Array>;
	messages: Message[];
	/** Setup skipped when the sandbox was made (Lite without Node): told in every run's prompt. */
	setupNote?: string;
};

export type RunAttemptInput = {
	mode: TaskMode;
	environment: EnvironmentRecord;
	userText: string;
	/** Pictures sent with the message. */
	userImages?: ImageAttachment[];
	session?: AttemptSession;
	prepare: PrepareDeps;
	model: ModelClient;
	tools: ReadonlyMap<string, Tool>;
	log: (entry: AttemptLogEntry) => void;
	signal: AbortSignal;
	/** Called once preparation is over, before the first model call: the agent policy applies. */
	onAgentPhase?: () => void;
	/** The task's budget, asked before every model request. */
	spendGuard?: SpendGuard;
	/**
	 * Continuing without the sandbox (a lost run, or a finished attempt this page does not hold):
	 * its conversation, and what rebuilds its files on the new sandbox (returning a note for the log).
	 */
	resume?: { messages: Message[]; replay(target: RebuildTarget): Promise<string | undefined> };
};

export type RunAttemptResult = {
	status: AttemptStatus;
	session?: AttemptSession;
	final?: FinalEvent;
};

export async function runAttempt(input: RunAttemptInput): Promise<RunAttemptResult> {
	const status = (value: AttemptStatus, message?: string) =>
		input.log({ kind: 'status', status: value, message });
	let session = input.session;
	let treeReady: Promise<void> | undefined;
	if (!session) {
		status('preparing');
		try {
			const prepared = await prepareEnvironment(
				input.environment,
				input.prepare,
				(event) => input.log({ kind: 'prepare', event }),
				input.signal
			);
			// The files may still be arriving (prepare.ts): this waits for them.
			const readBaseline = prepared.readBaseline;
			treeReady = prepared.treeReady;
			session = {
				sandbox: prepared.sandbox,
				baseline: prepared.baseline,
				readBaseline,
				messages: input.resume?.messages ?? [],
				...(prepared.setupNote ? { setupNote: prepared.setupNote } : {})
			};
			const entries = new Map(prepared.baseline.entries.map((e) => [e.path, e]));
			const note = await input.resume?.replay({
				sandbox: prepared.sandbox,
				commit: prepared.baseline.commit,
				read: async (path) => {
					const entry = entries.get(path);
					return entry ? { bytes: await readBaseline(entry.oid), mode: entry.mode } : null;
				}
			});
			if (note) input.log({ kind: 'prepare', event: { type: 'notice', message: note } });
		} catch (error) {
			if (input.signal.aborted) return end(status, 'cancelled', 'Cancelled while preparing.');
			const message =
				error instanceof PrepareError ? `${error.step}: ${error.message}` : String(error);
			return end(status, 'failed', message);
		}
	}
	if (!input.session) {
		input.onAgentPhase?.();
		const note = networkNote(input.environment.agentPolicy);
		input.log({ kind: 'phase', phase: 'agent', note });
	}
	status('running');
	const images = input.userImages?.length ? { images: input.userImages } : {};
	input.log({ kind: 'user', text: input.userText, ...images });
	const agentsDocs = await loadAgentsInstructions(session.sandbox);
	const systemPrompt = buildSystemPrompt({
		testCommand: input.environment.testCommand,
		mode: input.mode,
		agentsDocs,
		networkNote: networkNote(input.environment.agentPolicy),
		setupNote: session.setupNote
	});
	const result = await runAgent(
		{
			messages: [...session.messages, { role: 'user', content: input.userText, ...images }],
			systemPrompt,
			tools: input.tools,
			model: input.model,
			// The environment's variables for every agent command; its secrets were setup's only.
			sandbox: withAgentVariables(session.sandbox, input.environment.envVars),
			mode: input.mode,
			spendGuard: input.spendGuard
		},
		(event) => input.log({ kind: 'agent', event }),
		input.signal
	);
	session = { ...session, messages: result.messages };
	const final = result.final;
	const outcome: AttemptStatus =
		final.reason === 'cancelled' ? 'cancelled' : final.reason === 'error' ? 'failed' : 'done';
	// The agent may have started before the checkout ended (prepare.ts): the attempt ends with
	// every file in, and fails with the checkout.
	const unready = await treeReady?.then(noFailure, (error: unknown) => error);
	if (unready && outcome !== 'cancelled')
		return end(
			status,
			'failed',
			unready instanceof PrepareError ? `${unready.step}: ${unready.message}` : String(unready)
		);
	status(outcome, final.message);
	return { status: outcome, session, final };
}

const noFailure = () => null;

function end(
	status: (s: AttemptStatus, m?: string) => void,
	value: AttemptStatus,
	message: string
): RunAttemptResult {
	status(value, message);
	return { status: value };
}

function networkNote(policy: NetworkPolicy): string {
	if (policy.access === 'off')
		return 'Network access is off: commands cannot reach the internet. Work with what is in the repository.';
	const hosts =
		policy.preset === 'all'
			? 'any host'
			: policy.preset === 'common'
				? 'common package registries and the listed domains'
				: `only ${policy.domains.join(', ') || 'no hosts'}`;
	return `Network access is on for ${hosts}, ${policy.methods === 'read' ? 'read-only (GET, HEAD, OPTIONS)' : 'all methods'}.`;
}

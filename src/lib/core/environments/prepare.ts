// From an environment to a ready sandbox: checkout, sandbox, setup — each step timed and
// reported, a failure naming its step. The runtime-specific parts are injected.
import type { Baseline, CheckoutProgress, CheckoutStats } from '../git/index.ts';
import { AppError } from '../http/index.ts';
import type { OutputChunk, Sandbox, TreeFile } from '../sandbox/index.ts';
import type { EnvironmentSnapshots } from '../snapshots/index.ts';
import type { EnvironmentRecord } from '../store/index.ts';
import { firstNodeCommand, liteSkipNote, type NodeCommand } from './node-commands.ts';
import { logTail, runSetup, type SetupResult } from './setup.ts';
import { findSnapshot, fromSnapshotDetail, offlineNote, saveSnapshot } from './snapshot-steps.ts';

export type PrepareStep = 'checkout' | 'sandbox' | 'setup';

export type PrepareEvent =
	| {
			type: 'step';
			step: PrepareStep;
			status: 'running' | 'done' | 'failed';
			durationMs?: number;
			detail?: string;
	  }
	| { type: 'checkout-progress'; progress: CheckoutProgress }
	| { type: 'setup-output'; chunk: OutputChunk }
	| { type: 'notice'; message: string };

export type CheckedOut = { baseline: Baseline; files: TreeFile[]; stats: CheckoutStats };

export type PrepareDeps = {
	checkout(onProgress: (p: CheckoutProgress) => void, signal?: AbortSignal): Promise<CheckedOut>;
	/** Given the checkout, so the sandbox can offer `git` against its baseline. */
	createSandbox(checkedOut: CheckedOut): Promise<{ sandbox: Sandbox; notice?: string }>;
	/** Sandboxes saved after setup: a fresh one replaces setup. Absent: setup always runs. */
	snapshots?: EnvironmentSnapshots;
};

export type Prepared = {
	baseline: Baseline;
	/** The baseline's files (blob contents), for diffing the attempt against it later. */
	files: TreeFile[];
	sandbox: Sandbox;
	setup: SetupResult;
	stats: CheckoutStats;
	timings: Record<PrepareStep, number>;
	/** Set when a snapshot replaced setup: how old it was. */
	snapshotAgeMs?: number;
};

export class PrepareError extends AppError {
	readonly step: PrepareStep;
	constructor(step: PrepareStep, cause: unknown) {
		const app = cause instanceof AppError ? cause : null;
		super(
			app?.code ?? 'unexpected',
			app?.message ?? String(cause instanceof Error ? cause.message : cause),
			app?.hint ?? '',
			{ cause }
		);
		this.name = 'PrepareError';
		this.step = step;
	}
}

export async function prepareEnvironment(
	environment: EnvironmentRecord,
	deps: PrepareDeps,
	emit: (event: PrepareEvent) => void,
	signal?: AbortSignal
): Promise<Prepared> {
	const timings: Record<PrepareStep, number> = { checkout: 0, sandbox: 0, setup: 0 };
	async function step<T>(
		name: PrepareStep,
		work: () => Promise<T>,
		detail: (value: T) => string
	): Promise<T> {
		emit({ type: 'step', step: name, status: 'running' });
		const started = performance.now();
		try {
			const value = await work();
			timings[name] = Math.round(performance.now() - started);
			emit({
				type: 'step',
				step: name,
				status: 'done',
				durationMs: timings[name],
				detail: detail(value)
			});
			return value;
		} catch (error) {
			timings[name] = Math.round(performance.now() - started);
			const failure = error instanceof PrepareError ? error : new PrepareError(name, error);
			emit({
				type: 'step',
				step: name,
				status: 'failed',
				durationMs: timings[name],
				detail: failure.message
			});
			throw failure;
		}
	}

	const checkedOut = await step(
		'checkout',
		() => deps.checkout((progress) => emit({ type: 'checkout-progress', progress }), signal),
		(c) => checkoutDetail(c)
	);
	const notice = (message: string) => emit({ type: 'notice', message });
	const offline = offlineNote(checkedOut);
	if (offline) notice(offline);
	for (const skipped of checkedOut.baseline.skipped) notice(skippedNote(skipped));
	let snapshots = environment.setupScript.trim() ? deps.snapshots : undefined;
	// Lite has no Node: a setup that needs it would fail with "command not found", so the attempt
	// goes on without it, saying so (and nothing is snapshotted, since setup did not run).
	let needsNode: NodeCommand | null = null;
	const { sandbox, snapshot } = await step(
		'sandbox',
		async () => {
			const made = await deps.createSandbox(checkedOut);
			if (made.notice) notice(made.notice);
			if (made.sandbox.kind === 'lite') needsNode = firstNodeCommand(environment.setupScript);
			if (needsNode) snapshots = undefined;
			const found = snapshots
				? await findSnapshot(snapshots, environment, checkedOut, made.sandbox, notice)
				: undefined;
			await made.sandbox.writeTree(found?.files ?? checkedOut.files);
			return { sandbox: made.sandbox, snapshot: found };
		},
		({ sandbox: s, snapshot: found }) =>
			`${s.kind === 'lite' ? 'Lite' : 'WebContainer'}: ${plural((found?.files ?? checkedOut.files).length, 'file')} written${found?.files ? ' from the snapshot' : ''}`
	);
	const restored = snapshot?.files ? snapshot : undefined;
	const setup = await step(
		'setup',
		async () => {
			if (restored) return skippedSetup;
			if (needsNode) {
				notice(liteSkipNote(needsNode));
				return skippedSetup;
			}
			const result = await runSetup(sandbox, {
				script: environment.setupScript,
				envVars: environment.envVars,
				secrets: environment.setupSecrets,
				signal,
				onOutput: (chunk) => emit({ type: 'setup-output', chunk })
			});
			if (result.exitCode !== 0) throw setupFailure(result);
			return result;
		},
		(r) =>
			restored
				? fromSnapshotDetail(restored.ageMs)
				: needsNode
					? 'skipped: needs Node, which Lite does not have'
					: environment.setupScript.trim()
						? `exit code ${r.exitCode}`
						: 'no setup script'
	);
	if (snapshots && snapshot && !restored)
		await saveSnapshot(snapshots, snapshot.key, sandbox, notice);
	return {
		baseline: checkedOut.baseline,
		files: checkedOut.files,
		sandbox,
		setup,
		stats: checkedOut.stats,
		timings,
		...(restored ? { snapshotAgeMs: restored.ageMs } : {})
	};
}

const skippedSetup: SetupResult = {
	exitCode: 0,
	durationMs: 0,
	log: '',
	timedOut: false,
	aborted: false
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function checkoutDetail({ baseline, stats }: CheckedOut): string {
	const files = `${plural(baseline.entries.length, 'file')} at ${baseline.commit.slice(0, 7)}`;
	if (stats.fromCache) return `${files} (cached, nothing fetched)`;
	return `${files} (${stats.filesFetched} fetched)`;
}

function skippedNote(skipped: Baseline['skipped'][number]): string {
	return skipped.reason === 'submodule'
		? `Submodule ${skipped.path} is not checked out (submodules are not supported).`
		: `${skipped.path} (${((skipped.size ?? 0) / 1024 / 1024).toFixed(1)} MB) is over the size limit and left out of the sandbox.`;
}

function setupFailure(result: SetupResult): AppError {
	const why = result.timedOut
		? 'ran past its time limit'
		: result.aborted
			? 'was cancelled'
			: `failed with exit code ${result.exitCode}`;
	return new AppError(
		'setup-failed',
		`The setup script ${why}.`,
		logTail(result.log) || '(no output)'
	);
}

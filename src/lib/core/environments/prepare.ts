// From an environment to a ready sandbox: checkout, sandbox, setup — each step timed and
// reported, a failure naming its step. The runtime-specific parts are injected. When no setup
// has to run on the whole tree, the sandbox is ready as soon as the checkout has listed the
// files (and fetched the root AGENTS.md): the rest arrive while the agent's first turn runs.
import type { Baseline, CheckoutListed, CheckoutProgress, CheckoutStats } from '../git/index.ts';
import { AppError } from '../http/index.ts';
import type { OutputChunk, Sandbox, TreeFile } from '../sandbox/index.ts';
import type { EnvironmentSnapshots } from '../snapshots/index.ts';
import type { EnvironmentRecord } from '../store/index.ts';
import {
	firstNodeCommand,
	liteSkipAgentNote,
	liteSkipNote,
	type NodeCommand
} from './node-commands.ts';
import {
	baselineReader,
	checkoutProgress,
	emptyStats,
	noListing,
	pendingPaths,
	startsEarly
} from './early-start.ts';
import { pendingTree } from './pending-tree.ts';
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
	/**
	 * The caller can work on a sandbox whose files are still arriving (an attempt's agent): when
	 * no setup runs on the tree, prepare returns once the checkout has listed it.
	 */
	startEarly?: boolean;
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
	/** Set when setup was skipped (Lite without Node): what the agent is told about it. */
	setupNote?: string;
	/**
	 * Resolves once every file is in the sandbox; until then `sandbox` makes whatever needs the
	 * tree wait (see pending-tree.ts), and `files` fills in. Resolved already unless the agent
	 * may start early (no setup to run on the tree).
	 */
	treeReady: Promise<void>;
	/** Baseline blob contents by oid, once the tree is in: the attempt's diff is taken against them. */
	readBaseline(oid: string): Promise<Uint8Array>;
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

	const notice = (message: string) => emit({ type: 'notice', message });
	const script = environment.setupScript;
	let listed: (value: CheckoutListed) => void = () => {};
	const listing = new Promise<CheckoutListed>((resolve) => (listed = resolve));
	const progress = checkoutProgress(emit);
	const checkingOut = step(
		'checkout',
		() =>
			deps.checkout((p) => {
				if (p.listed) listed(p.listed);
				progress(p);
			}, signal),
		(c) => checkoutDetail(c)
	).then((c) => {
		const offline = offlineNote(c);
		if (offline) notice(offline);
		for (const skipped of c.baseline.skipped) notice(skippedNote(skipped));
		return c;
	});
	checkingOut.catch(() => {}); // awaited below, or by the tree's waiters
	// Nothing has to run on the whole tree first: the agent starts once the listing and the
	// files asked for first (the root AGENTS.md) are in, and the rest stream in meanwhile.
	const early =
		deps.startEarly && startsEarly(environment)
			? await Promise.race([listing, checkingOut.then(noListing, noListing)])
			: null;
	// Known now: the listing's baseline, its files added once the checkout is done.
	const base: CheckedOut = early
		? { baseline: early.baseline, files: [], stats: { ...emptyStats } }
		: await checkingOut;
	const whole = async () => {
		const checkedOut = await checkingOut;
		if (base !== checkedOut) {
			base.files.push(...checkedOut.files);
			Object.assign(base.stats, checkedOut.stats);
		}
		return checkedOut;
	};
	let snapshots = script.trim() ? deps.snapshots : undefined;
	// Lite has no Node: a setup that needs it would fail with "command not found", so the attempt
	// goes on without it, saying so (and nothing is snapshotted, since setup did not run).
	let needsNode: NodeCommand | null = null;
	let setupNote: string | undefined;
	const { sandbox, snapshot, streaming } = await step(
		'sandbox',
		async () => {
			const made = await deps.createSandbox(base);
			if (made.notice) notice(made.notice);
			if (made.sandbox.kind === 'lite') needsNode = firstNodeCommand(script);
			if (needsNode) snapshots = undefined;
			if (early && (!script.trim() || needsNode)) {
				await made.sandbox.writeTree(early.files);
				return { sandbox: made.sandbox, written: early.files.length, streaming: true };
			}
			const checkedOut = await whole(); // setup reads the whole tree
			const found = snapshots
				? await findSnapshot(snapshots, environment, checkedOut, made.sandbox, notice)
				: undefined;
			const files = found?.files ?? checkedOut.files;
			await made.sandbox.writeTree(files);
			return { sandbox: made.sandbox, snapshot: found, written: files.length, streaming: false };
		},
		(made) =>
			`${made.sandbox.kind === 'lite' ? 'Lite' : 'WebContainer'}: ${plural(made.written, 'file')} written${
				made.snapshot?.files
					? ' from the snapshot'
					: made.streaming
						? ' first; the rest as the checkout brings them'
						: ''
			}`
	);
	const restored = snapshot?.files ? snapshot : undefined;
	const setup = await step(
		'setup',
		async () => {
			if (restored) return skippedSetup;
			if (needsNode) {
				notice(liteSkipNote(needsNode));
				setupNote = liteSkipAgentNote(script, needsNode);
				return skippedSetup;
			}
			const result = await runSetup(sandbox, {
				script,
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
					: script.trim()
						? `exit code ${r.exitCode}`
						: 'no setup script'
	);
	if (snapshots && snapshot && !restored)
		await saveSnapshot(snapshots, snapshot.key, sandbox, notice);
	const treeReady = streaming
		? whole().then(async ({ files }) => {
				const first = new Set(early!.files.map((f) => f.path));
				await sandbox.writeTree(files.filter((f) => !first.has(f.path)));
			})
		: Promise.resolve();
	treeReady.catch(() => {}); // the agent's tools meet it
	const pending = streaming ? pendingPaths(base.baseline, early!.files) : new Set<string>();
	return {
		baseline: base.baseline,
		files: base.files,
		sandbox: streaming ? pendingTree(sandbox, treeReady, pending) : sandbox,
		setup,
		stats: base.stats,
		timings,
		treeReady,
		readBaseline: baselineReader(base, treeReady),
		...(restored ? { snapshotAgeMs: restored.ageMs } : {}),
		...(setupNote ? { setupNote } : {})
	};
}

const skippedSetup: SetupResult = {
	exitCode: 0,
	durationMs: 0,
	log: '',
	timedOut: false,
	aborted: false
};

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

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

// From an environment to a ready sandbox: checkout, sandbox, setup — each step timed and
// reported, a failure naming its step. The runtime-specific parts are injected.
import type { Baseline, CheckoutProgress, CheckoutStats } from '../git/index.ts';
import { AppError } from '../http/index.ts';
import type { OutputChunk, Sandbox, TreeFile } from '../sandbox/index.ts';
import type { EnvironmentRecord } from '../store/index.ts';
import { logTail, runSetup, type SetupResult } from './setup.ts';

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
};

export type Prepared = {
	baseline: Baseline;
	/** The baseline's files (blob contents), for diffing the attempt against it later. */
	files: TreeFile[];
	sandbox: Sandbox;
	setup: SetupResult;
	stats: CheckoutStats;
	timings: Record<PrepareStep, number>;
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
	for (const skipped of checkedOut.baseline.skipped) {
		emit({ type: 'notice', message: skippedNote(skipped) });
	}
	const sandbox = await step(
		'sandbox',
		async () => {
			const made = await deps.createSandbox(checkedOut);
			if (made.notice) emit({ type: 'notice', message: made.notice });
			await made.sandbox.writeTree(checkedOut.files);
			return made.sandbox;
		},
		(s) =>
			`${s.kind === 'lite' ? 'Lite' : 'WebContainer'}: ${plural(checkedOut.files.length, 'file')} written`
	);
	const setup = await step(
		'setup',
		async () => {
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
		(r) => (environment.setupScript.trim() ? `exit code ${r.exitCode}` : 'no setup script')
	);
	return {
		baseline: checkedOut.baseline,
		files: checkedOut.files,
		sandbox,
		setup,
		stats: checkedOut.stats,
		timings
	};
}

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

import { ABORT_EXIT_CODE, TIMEOUT_EXIT_CODE, type ExecResult } from './types.ts';

/**
 * One signal for a command: fires when the caller aborts or the timeout passes, and remembers
 * which of the two it was, so both runtimes report timeouts and cancels the same way.
 */
export function execTimer(options: { timeoutMs?: number; signal?: AbortSignal }) {
	const controller = new AbortController();
	let timedOut = false;
	const started = performance.now();
	const onAbort = () => controller.abort(options.signal?.reason);
	if (options.signal?.aborted) controller.abort(options.signal.reason);
	else options.signal?.addEventListener('abort', onAbort, { once: true });
	const timer =
		options.timeoutMs !== undefined
			? setTimeout(() => {
					timedOut = true;
					controller.abort(new Error('timeout'));
				}, options.timeoutMs)
			: undefined;

	return {
		signal: controller.signal,
		/** Builds the result, mapping a timeout or a cancel to their exit codes. */
		finish(exitCode: number, stdout: string, stderr: string): ExecResult {
			clearTimeout(timer);
			options.signal?.removeEventListener('abort', onAbort);
			const aborted = !timedOut && controller.signal.aborted;
			return {
				exitCode: timedOut ? TIMEOUT_EXIT_CODE : aborted ? ABORT_EXIT_CODE : exitCode,
				stdout,
				stderr,
				timedOut,
				aborted,
				durationMs: Math.round(performance.now() - started)
			};
		}
	};
}

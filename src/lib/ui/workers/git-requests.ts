// Requests to a git worker, matched to its answers by id. A request stops waiting when its
// signal aborts (a cancelled attempt's checkout), and every waiting request fails when the worker
// dies (it failed to load, threw, or sent what could not be read): the next request starts a
// new worker. The worker is made by `spawn`, so Node tests can give a fake one.
import type { CheckoutProgress } from '$lib/core/git';
import { AppError } from '$lib/core/http';
import type { GitRequest, GitResults, WorkerMessage } from './git-protocol';

/** The part of a Worker used here. */
export type WorkerLike = {
	postMessage(message: unknown): void;
	terminate(): void;
	onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null;
	onerror: ((event: ErrorEvent) => void) | null;
	onmessageerror: ((event: MessageEvent) => void) | null;
};

export type GitRequestOptions = {
	onProgress?: (progress: CheckoutProgress) => void;
	signal?: AbortSignal;
};

export type GitClient = <R extends GitRequest>(
	request: R,
	options?: GitRequestOptions
) => Promise<GitResults[R['type']]>;

type Pending = {
	resolve(value: unknown): void;
	reject(error: AppError): void;
	onProgress?: (progress: CheckoutProgress) => void;
};

export function createGitClient(spawn: () => WorkerLike): GitClient {
	let worker: WorkerLike | undefined;
	const pending = new Map<number, Pending>();
	let nextId = 1;

	function died(message: string) {
		const error = new AppError(
			'git-worker-died',
			`The git worker stopped: ${message}`,
			'Try again; reload the page if it keeps failing.'
		);
		for (const waiting of pending.values()) waiting.reject(error);
		pending.clear();
		worker?.terminate();
		worker = undefined;
	}

	function ensureWorker(): WorkerLike {
		if (worker) return worker;
		const started = spawn();
		started.onmessage = (event) => {
			const message = event.data;
			const waiting = pending.get(message.id);
			if (!waiting) return;
			if (message.kind === 'progress') return waiting.onProgress?.(message.progress);
			pending.delete(message.id);
			if (message.kind === 'result') waiting.resolve(message.value);
			else
				waiting.reject(new AppError(message.error.code, message.error.message, message.error.hint));
		};
		started.onerror = (event) => {
			event.preventDefault?.();
			died(event.message || 'it failed');
		};
		started.onmessageerror = () => died('an answer could not be read');
		worker = started;
		return started;
	}

	return <R extends GitRequest>(request: R, options: GitRequestOptions = {}) => {
		const { signal, onProgress } = options;
		const id = nextId++;
		return new Promise<GitResults[R['type']]>((resolve, reject) => {
			if (signal?.aborted) return reject(cancelled());
			const onAbort = () => {
				// The worker may go on with it; its answer finds nobody waiting and is dropped.
				if (pending.delete(id)) reject(cancelled());
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			const done = () => signal?.removeEventListener('abort', onAbort);
			pending.set(id, {
				resolve: (value) => (done(), resolve(value as GitResults[R['type']])),
				reject: (error) => (done(), reject(error)),
				onProgress
			});
			ensureWorker().postMessage({ id, request });
		});
	};
}

function cancelled(): AppError {
	return new AppError('cancelled', 'The git request was cancelled.', '');
}

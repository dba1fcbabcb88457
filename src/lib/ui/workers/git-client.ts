// The page's side of the git worker: one worker, requests matched to answers by id.
import type { CheckoutProgress } from '$lib/core/git';
import { AppError } from '$lib/core/http';
import type { GitRequest, GitResults, WorkerMessage } from './git-protocol';
import GitWorker from './git.worker?worker';

type Pending = {
	resolve(value: unknown): void;
	reject(error: AppError): void;
	onProgress?: (progress: CheckoutProgress) => void;
};

let worker: Worker | undefined;
const pending = new Map<number, Pending>();
let nextId = 1;

function ensureWorker(): Worker {
	if (worker) return worker;
	worker = new GitWorker();
	worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
		const message = event.data;
		const waiting = pending.get(message.id);
		if (!waiting) return;
		if (message.kind === 'progress') return waiting.onProgress?.(message.progress);
		pending.delete(message.id);
		if (message.kind === 'result') waiting.resolve(message.value);
		else
			waiting.reject(new AppError(message.error.code, message.error.message, message.error.hint));
	};
	return worker;
}

export function gitRequest<R extends GitRequest>(
	request: R,
	onProgress?: (progress: CheckoutProgress) => void
): Promise<GitResults[R['type']]> {
	const id = nextId++;
	return new Promise((resolve, reject) => {
		pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress });
		ensureWorker().postMessage({ id, request });
	});
}

// The page's side of the diff worker: a patch and its stats are computed off the main thread,
// so a 100,000-line file does not freeze the page. One worker; requests matched by id.
import type { FileChange, FileStat } from '$lib/core/diff';
import { AppError } from '$lib/core/http';
import DiffWorker from './diff.worker?worker';

export type DiffResult = { patch: string; stats: FileStat[] };

export type DiffWorkerRequest = { id: number; changes: FileChange[] };
export type DiffWorkerMessage =
	| { id: number; kind: 'result'; value: DiffResult }
	| { id: number; kind: 'error'; error: { code: string; message: string } };

type Pending = { resolve(value: DiffResult): void; reject(error: Error): void };

let worker: Worker | undefined;
const pending = new Map<number, Pending>();
let nextId = 1;

function ensureWorker(): Worker {
	if (worker) return worker;
	worker = new DiffWorker();
	worker.onmessage = (event: MessageEvent<DiffWorkerMessage>) => {
		const message = event.data;
		const waiting = pending.get(message.id);
		if (!waiting) return;
		pending.delete(message.id);
		if (message.kind === 'result') waiting.resolve(message.value);
		else waiting.reject(new AppError(message.error.code, message.error.message, ''));
	};
	worker.onerror = (event) => {
		// The worker itself failed (it did not load): every waiting request fails with it.
		const error = new AppError('diff-worker', `The diff worker failed: ${event.message}`, '');
		for (const waiting of pending.values()) waiting.reject(error);
		pending.clear();
		worker = undefined;
	};
	return worker;
}

/** The distinct ArrayBuffers behind the changes' contents (shared memory cannot move). */
function buffersOf(changes: readonly FileChange[]): ArrayBuffer[] {
	const buffers = new Set<ArrayBuffer>();
	for (const change of changes) {
		for (const bytes of [change.before, change.after]) {
			if (bytes && bytes.buffer instanceof ArrayBuffer) buffers.add(bytes.buffer);
		}
	}
	return [...buffers];
}

/**
 * formatPatch + diffStats in the worker. The contents' buffers are transferred, not copied:
 * after the call the `before`/`after` arrays passed in are empty (detached). Pass copies to
 * keep them. An abort rejects at once; the worker finishes the job and its answer is dropped.
 */
export function formatPatchInWorker(
	changes: FileChange[],
	signal?: AbortSignal
): Promise<DiffResult> {
	if (signal?.aborted) return Promise.reject(signal.reason);
	const id = nextId++;
	return new Promise((resolve, reject) => {
		const onAbort = () => {
			pending.delete(id);
			reject(signal?.reason);
		};
		signal?.addEventListener('abort', onAbort, { once: true });
		pending.set(id, {
			resolve(value) {
				signal?.removeEventListener('abort', onAbort);
				resolve(value);
			},
			reject(error) {
				signal?.removeEventListener('abort', onAbort);
				reject(error);
			}
		});
		const request: DiffWorkerRequest = { id, changes };
		ensureWorker().postMessage(request, buffersOf(changes));
	});
}

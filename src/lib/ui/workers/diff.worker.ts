// Patch formatting off the page's thread: the line diff of a large file takes seconds.
import { diffStats, formatPatch } from '$lib/core/diff';
import { AppError } from '$lib/core/http';
import type { DiffWorkerMessage, DiffWorkerRequest } from './diff-client';

const post = (message: DiffWorkerMessage) => self.postMessage(message);

self.onmessage = (event: MessageEvent<DiffWorkerRequest>) => {
	const { id, changes } = event.data;
	try {
		post({ id, kind: 'result', value: { patch: formatPatch(changes), stats: diffStats(changes) } });
	} catch (error) {
		post({
			id,
			kind: 'error',
			error: {
				code: error instanceof AppError ? error.code : 'diff-failed',
				message: error instanceof Error ? error.message : String(error)
			}
		});
	}
};

// The page's side of the git worker: one worker for the page (see git-requests.ts).
import type { CheckoutProgress } from '$lib/core/git';
import type { GitRequest, GitResults } from './git-protocol';
import { createGitClient } from './git-requests';
import GitWorker from './git.worker?worker';

const client = createGitClient(() => new GitWorker());

/** A request to the git worker; `signal` stops the waiting (the worker's answer is dropped). */
export function gitRequest<R extends GitRequest>(
	request: R,
	onProgress?: (progress: CheckoutProgress) => void,
	signal?: AbortSignal
): Promise<GitResults[R['type']]> {
	return client(request, { onProgress, signal });
}

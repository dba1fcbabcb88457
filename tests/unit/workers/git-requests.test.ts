import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/lib/core/http/index.ts';
import type { GitRequest, WorkerMessage } from '../../../src/lib/ui/workers/git-protocol.ts';
import { createGitClient, type WorkerLike } from '../../../src/lib/ui/workers/git-requests.ts';

/** A Worker double: records what it is sent; the test answers, fails or kills it. */
class FakeWorker implements WorkerLike {
	onmessage: WorkerLike['onmessage'] = null;
	onerror: WorkerLike['onerror'] = null;
	onmessageerror: WorkerLike['onmessageerror'] = null;
	received: { id: number; request: GitRequest }[] = [];
	terminated = false;
	postMessage(message: unknown) {
		this.received.push(message as { id: number; request: GitRequest });
	}
	terminate() {
		this.terminated = true;
	}
	answer(message: WorkerMessage) {
		this.onmessage?.({ data: message } as MessageEvent<WorkerMessage>);
	}
	crash(message: string) {
		this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
	}
}

function client() {
	const workers: FakeWorker[] = [];
	const request = createGitClient(() => {
		const worker = new FakeWorker();
		workers.push(worker);
		return worker;
	});
	return { request, workers };
}

const access = { repoUrl: 'acme/demo', githubApiBase: 'https://api.github.com', corsProxy: '' };
const lookup = { type: 'lookup', access } as unknown as GitRequest;
const branchHead = { type: 'branch-head', access, branch: 'main' } as unknown as GitRequest;

async function failure(promise: Promise<unknown>) {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(AppError);
	const { code, message, hint } = error as AppError;
	return { code, message, hint };
}

describe('git worker client', () => {
	it('matches answers to requests by id and passes progress on', async () => {
		const { request, workers } = client();
		const progress: unknown[] = [];
		const first = request(lookup, { onProgress: (p) => progress.push(p) });
		const second = request(branchHead);
		const [worker] = workers;
		expect(workers).toHaveLength(1);
		expect(worker!.received.map((m) => [m.id, m.request.type])).toEqual([
			[1, 'lookup'],
			[2, 'branch-head']
		]);
		const step = { phase: 'fetch', loaded: 1, total: 2 };
		worker!.answer({ id: 1, kind: 'progress', progress: step } as unknown as WorkerMessage);
		worker!.answer({ id: 2, kind: 'result', value: 'abc' });
		worker!.answer({
			id: 1,
			kind: 'error',
			error: { code: 'not-found', message: 'No repo', hint: 'Check it' }
		});
		expect(await second).toBe('abc');
		expect(await failure(first)).toEqual({
			code: 'not-found',
			message: 'No repo',
			hint: 'Check it'
		});
		expect(progress).toEqual([step]);
	});

	it('an aborted request stops waiting at once; the others still get their answers', async () => {
		const { request, workers } = client();
		const controller = new AbortController();
		const checkout = request(lookup, { signal: controller.signal });
		const other = request(branchHead);
		controller.abort();
		expect(await failure(checkout)).toEqual({
			code: 'cancelled',
			message: 'The git request was cancelled.',
			hint: ''
		});
		// The worker's late answer to it is dropped; the other request is answered as usual.
		workers[0]!.answer({ id: 1, kind: 'result', value: 'late' } as unknown as WorkerMessage);
		workers[0]!.answer({ id: 2, kind: 'result', value: 'head' });
		expect(await other).toBe('head');
		expect(await failure(request(lookup, { signal: AbortSignal.abort() }))).toMatchObject({
			code: 'cancelled'
		});
	});

	it('when the worker dies every waiting request fails, and the next one starts a new worker', async () => {
		const { request, workers } = client();
		const waiting = [request(lookup), request(branchHead)];
		workers[0]!.crash('out of memory');
		const expected = {
			code: 'git-worker-died',
			message: 'The git worker stopped: out of memory',
			hint: 'Try again; reload the page if it keeps failing.'
		};
		for (const promise of waiting) expect(await failure(promise)).toEqual(expected);
		expect(workers[0]!.terminated).toBe(true);

		const next = request(branchHead);
		expect(workers).toHaveLength(2);
		workers[1]!.answer({ id: 3, kind: 'result', value: 'fresh' });
		expect(await next).toBe('fresh');
	});

	it('an answer that cannot be read fails the waiting requests too', async () => {
		const { request, workers } = client();
		const waiting = request(lookup);
		workers[0]!.onmessageerror?.({} as MessageEvent);
		expect(await failure(waiting)).toMatchObject({
			code: 'git-worker-died',
			message: 'The git worker stopped: an answer could not be read'
		});
	});
});

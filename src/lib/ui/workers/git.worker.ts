// Git work off the page's thread: repository lookups and checkouts into lightning-fs.
import '$lib/shims/global';
import '$lib/shims/buffer';
import LightningFS from '@isomorphic-git/lightning-fs';
import type { PromiseFsClient } from 'isomorphic-git';
import http from 'isomorphic-git/http/web';
import { baselineFiles, checkout, lookupRepo, parseRepoInput } from '$lib/core/git';
import { AppError } from '$lib/core/http';
import { proposeSetup } from '$lib/core/start';
import type { GitRequest, WorkerMessage } from './git-protocol';

const fs = new LightningFS('patchbay-git') as unknown as PromiseFsClient;
const post = (message: WorkerMessage, transfer: Transferable[] = []) =>
	self.postMessage(message, { transfer });

async function handle(id: number, request: GitRequest) {
	const { access } = request;
	const { ref } = parseRepoInput(access.repoUrl, access.githubApiBase);
	if (request.type === 'lookup') {
		const info = await lookupRepo(ref, { token: access.token, corsProxy: access.corsProxy, http });
		post({ id, kind: 'result', value: info });
		return;
	}
	if (request.type === 'propose') {
		const info = await lookupRepo(ref, { token: access.token, corsProxy: access.corsProxy, http });
		const branch =
			request.branch && info.branches.includes(request.branch)
				? request.branch
				: info.defaultBranch;
		const checkedOut = await checkout({
			ref,
			branch,
			fs,
			http,
			token: access.token,
			corsProxy: access.corsProxy
		});
		const files = await baselineFiles(checkedOut.store, checkedOut.baseline);
		const text = new Map(files.map((f) => [f.path, f.data]));
		const proposal = await proposeSetup({
			list: checkedOut.baseline.entries.map((e) => e.path),
			read: async (path) => {
				const bytes = text.get(path);
				return bytes ? new TextDecoder().decode(bytes) : null;
			}
		});
		post({ id, kind: 'result', value: { info, branch, proposal } });
		return;
	}
	const result = await checkout({
		ref,
		branch: request.branch,
		fs,
		http,
		token: access.token,
		corsProxy: access.corsProxy,
		maxFileBytes: request.maxFileBytes,
		onProgress: (progress) => post({ id, kind: 'progress', progress })
	});
	const files = await baselineFiles(result.store, result.baseline);
	const buffers = files.map((f) => f.data.buffer as ArrayBuffer);
	post({ id, kind: 'result', value: { baseline: result.baseline, stats: result.stats, files } }, [
		...new Set(buffers)
	]);
}

self.onmessage = (event: MessageEvent<{ id: number; request: GitRequest }>) => {
	const { id, request } = event.data;
	handle(id, request).catch((error: unknown) => {
		const app = error instanceof AppError ? error : null;
		post({
			id,
			kind: 'error',
			error: {
				code: app?.code ?? 'unexpected',
				message: app?.message ?? (error instanceof Error ? error.message : String(error)),
				hint: app?.hint ?? ''
			}
		});
	});
};

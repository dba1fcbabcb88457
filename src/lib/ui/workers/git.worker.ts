// Git work off the page's thread: repository lookups and checkouts into lightning-fs.
import '$lib/shims/global';
import '$lib/shims/buffer';
import LightningFS from '@isomorphic-git/lightning-fs';
import type { PromiseFsClient } from 'isomorphic-git';
import http from 'isomorphic-git/http/web';
import { gitdirFor, openObjectStore, parseRepoInput, type RepoRef } from '$lib/core/git';
import type { Credentials } from '$lib/core/credentials';
import { rebaseConflictError } from '$lib/core/diff';
import { createGitForge, listWithFiles, lookupRepository, type Forge } from '$lib/core/forge';
import { AppError } from '$lib/core/http';
import { proposerReads, proposeSetup } from '$lib/core/start';
import { startCheckout } from './checkout-in-worker';
import type { GitRequest, GitResults, WorkerMessage } from './git-protocol';

const lightning = new LightningFS('patchbay-git');
const fs = lightning as unknown as PromiseFsClient;
// lightning-fs saves its directory tree 500 ms after the last write: a page closed or reloaded
// sooner (Settings, a reload right after a push) would find the objects' files but not their
// names. Results that wrote objects are sent once the tree is saved.
const persisted = () => lightning.promises.flush();
const post = (message: WorkerMessage, transfer: Transferable[] = []) =>
	self.postMessage(message, { transfer });

async function handle(id: number, request: GitRequest) {
	const { access } = request;
	const { credentials } = access;
	const { ref } = parseRepoInput(access.repoUrl, access.githubApiBase);
	if (request.type === 'lookup') {
		const info = await lookupRepository(ref, { credentials, corsProxy: access.corsProxy, http });
		post({ id, kind: 'result', value: info });
		return;
	}
	if (request.type === 'propose') {
		const info = await lookupRepository(ref, { credentials, corsProxy: access.corsProxy, http });
		const branch =
			request.branch && info.branches.includes(request.branch)
				? request.branch
				: info.defaultBranch;
		const remote = { ref, branch, fs, http, credentials, corsProxy: access.corsProxy };
		// The listing and the few files the proposer reads, not the whole checkout: that starts in
		// the background once the proposal is out, while the person types; Code joins it.
		const listed = await listWithFiles({ ...remote, paths: proposerReads });
		const proposal = await proposeSetup({
			list: listed.baseline.entries.map((e) => e.path),
			read: async (path) => {
				const bytes = listed.files.get(path);
				return bytes ? new TextDecoder().decode(bytes) : null;
			}
		});
		post({ id, kind: 'result', value: { info, branch, proposal } });
		if (!listed.checkedOut) startCheckout(remote);
		return;
	}
	if (request.type === 'push' || request.type === 'branch-head') {
		if (ref.kind !== 'git') {
			throw new AppError('not-git-host', 'GitHub repositories are pushed through its API.');
		}
		const forge = await gitForge(ref, credentials, access.corsProxy);
		const value =
			request.type === 'push'
				? await pushBranch(request, forge)
				: await forge.branchHead(request.branch);
		await persisted();
		post({ id, kind: 'result', value });
		return;
	}
	const { run } = startCheckout({
		ref,
		branch: request.branch,
		fs,
		http,
		credentials,
		corsProxy: access.corsProxy,
		maxFileBytes: request.maxFileBytes
	});
	const stop = run.watch((progress) => post({ id, kind: 'progress', progress }));
	try {
		const { value, last } = await run.wait();
		await persisted();
		// Another request waiting for the same run gets these files too: only the last one
		// hands their buffers over; the others' answers are copies.
		const buffers = last ? new Set(value.files.map((f) => f.data.buffer as ArrayBuffer)) : [];
		post({ id, kind: 'result', value }, [...buffers]);
	} finally {
		stop();
	}
}

/**
 * The plain-git forge over this worker's transport and object store: a branch pushed over smart
 * HTTP (plain git, and Gitea's branch before its pull request) is built where the checkout put
 * the baseline's objects.
 */
async function gitForge(
	ref: Extract<RepoRef, { kind: 'git' }>,
	credentials: Credentials,
	corsProxy: string
): Promise<Forge> {
	const store = await openObjectStore(fs, gitdirFor(ref));
	const repo = { kind: 'git' as const, apiBase: '', path: '', webUrl: ref.url, cloneUrl: ref.url };
	return createGitForge(repo, { credentials, git: { http, corsProxy, store } });
}

/** A push through the plain-git forge, onto the new head of the base branch when asked. */
async function pushBranch(
	request: Extract<GitRequest, { type: 'push' }>,
	forge: Forge
): Promise<GitResults['push']> {
	let { base, changes } = request;
	if (request.rebase) {
		const { branch, head } = request.rebase;
		const outcome = await forge.rebaseOnto(branch, head, changes);
		if (!outcome.ok) throw rebaseConflictError(outcome.conflicts);
		({ base, changes } = outcome);
	}
	const result = await forge.push({
		baseline: base,
		changes,
		branch: request.branch,
		message: request.message,
		existingBranch: request.existingBranch
	});
	return { ...result, base };
}

self.onmessage = (event: MessageEvent<{ id: number; request: GitRequest }>) => {
	const { id, request } = event.data;
	handle(id, request).catch(async (error: unknown) => {
		const app = error instanceof AppError ? error : null;
		// A push that failed at the host had written its commit first: keep it findable too.
		await persisted().catch(() => {});
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

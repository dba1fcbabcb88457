// Any smart-HTTP host behind the forge seam: isomorphic-git lists refs, checks a branch out
// (one shallow fetch), fetches a moved base and pushes a branch built in the local object store.
// There is no API to open a request with, so `openChangeRequest` is absent and the page links to
// the host's own form. Its transport and store come in `ForgeContext.git` (the git worker's).
import { AppError } from '../../http/index.ts';
import { cloneOverSmartHttp } from '../../git/clone-smart-http.ts';
import { lookupGitRepo } from '../../git/lookup.ts';
import type { ObjectStore } from '../../git/object-store.ts';
import { pushOverSmartHttp } from '../../git/push-smart-http.ts';
import { rebaseOverSmartHttp, remoteBranchHead } from '../../git/rebase-smart-http.ts';
import type { GitRemoteOptions } from '../../git/remote.ts';
import type { Forge, ForgeContext, ForgeRepo } from '../types.ts';

function needsGit(what: string): never {
	throw new AppError('unexpected', `${what} over git needs the git worker's transport and store.`);
}

export function createGitForge(repo: ForgeRepo, context: ForgeContext): Forge {
	const git = context.git;
	const remote = (): GitRemoteOptions => ({
		http: git?.http ?? needsGit('Talking to a git host'),
		corsProxy: git?.corsProxy ?? '',
		credentials: context.credentials
	});
	const url = repo.cloneUrl;
	const store = (): ObjectStore => git?.store ?? needsGit('A push');
	return {
		kind: 'git',
		repo,
		lookup: async () => lookupGitRepo(url, remote()),
		branchHead: async (branch) => remoteBranchHead({ url, remote: remote(), branch }),
		rebaseOnto: async (branch, head, changes) =>
			rebaseOverSmartHttp({ url, remote: remote(), branch, store: store(), head, changes }),
		async push(options) {
			const pushed = await pushOverSmartHttp({
				url,
				store: store(),
				remote: remote(),
				base: options.baseline,
				changes: options.changes,
				branch: options.branch,
				message: options.message,
				existingBranch: options.existingBranch,
				onProgress: options.onProgress
			});
			return { ...pushed, url: repo.webUrl };
		},
		// A shallow fetch is one pack whatever is asked for: there is no cheaper listing.
		snapshot: async (options) =>
			cloneOverSmartHttp({
				url,
				branch: options.branch,
				store: options.store,
				maxFileBytes: options.maxFileBytes,
				onProgress: options.onProgress,
				remote: remote()
			})
	};
}

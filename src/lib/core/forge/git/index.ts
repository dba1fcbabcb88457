// Any smart-HTTP host behind the forge seam: isomorphic-git lists refs, fetches a moved base and
// pushes a branch built in the local object store. There is no API to open a request with, so
// `openChangeRequest` is absent and the page links to the host's own form. The store lives in
// the git worker, which makes this forge with it.
import { AppError } from '../../http/index.ts';
import { lookupGitRepo } from '../../git/lookup.ts';
import type { ObjectStore } from '../../git/object-store.ts';
import { pushOverSmartHttp } from '../../git/push-smart-http.ts';
import { rebaseOverSmartHttp, remoteBranchHead } from '../../git/rebase-smart-http.ts';
import type { GitRemoteOptions } from '../../git/remote.ts';
import type { Forge, ForgeContext, ForgeRepo } from '../types.ts';

function needsStore(): never {
	throw new AppError(
		'unexpected',
		'A push over git needs the local object store (the git worker).'
	);
}

export function createGitForge(repo: ForgeRepo, context: ForgeContext): Forge {
	const git = context.git;
	const remote: GitRemoteOptions = {
		http: git?.http ?? (needsStore as unknown as GitRemoteOptions['http']),
		corsProxy: git?.corsProxy ?? '',
		credentials: context.credentials
	};
	const url = repo.cloneUrl;
	const store = (): ObjectStore => git?.store ?? needsStore();
	return {
		kind: 'git',
		repo,
		changeRequestNoun: null,
		lookup: () => lookupGitRepo(url, remote),
		branchHead: (branch) => remoteBranchHead({ url, remote, branch }),
		rebaseOnto: (branch, head, changes) =>
			rebaseOverSmartHttp({ url, remote, branch, store: store(), head, changes }),
		async push(options) {
			const pushed = await pushOverSmartHttp({
				url,
				store: store(),
				remote,
				base: options.baseline,
				changes: options.changes,
				branch: options.branch,
				message: options.message,
				existingBranch: options.existingBranch,
				onProgress: options.onProgress
			});
			return { ...pushed, url: repo.webUrl };
		}
	};
}

// Gitea and Forgejo (Codeberg; API v1) behind the forge seam. The API looks the repository up
// and opens the pull request; the branch is pushed over git (Gitea's file API cannot write modes
// or symlinks), so a push needs the object store, as plain git does. Where the host sends no
// CORS headers, the error says what to do: the admin's [cors] setting, or the proxy.
import { sortBranches } from '../../git/lookup.ts';
import { createGitForge } from '../git/index.ts';
import { createRestClient } from '../rest-client.ts';
import type { Forge, ForgeContext, ForgeRepo } from '../types.ts';
import { explainGiteaFailure, type GiteaFailureContext } from './errors.ts';
import { openGiteaPull } from './pull-request.ts';
import { repoApi } from './repo-api.ts';

export function createGiteaForge(repo: ForgeRepo, context: ForgeContext): Forge {
	const client = createRestClient({
		apiBase: repo.apiBase,
		credentials: context.credentials,
		scheme: 'token',
		fetch: context.fetch
	});
	const overGit = createGitForge(repo, context);
	const explained = async <T>(action: GiteaFailureContext['action'], run: () => Promise<T>) => {
		try {
			return await run();
		} catch (error) {
			throw await explainGiteaFailure(error, { action, apiBase: client.apiBase, repo: repo.path });
		}
	};
	const api = (signal?: AbortSignal) => repoApi(client, repo.path, signal);
	return {
		kind: 'gitea',
		repo,
		pushesOverGit: true,
		lookup: (signal) =>
			explained('lookup', async () => {
				const info = await api(signal).repo();
				const branches: string[] = [];
				for (let page = 1; page <= 20; page++) {
					const list = await api(signal).branches(page);
					branches.push(...list.map((b) => b.name));
					if (list.length < 50) break;
				}
				const first = info.default_branch;
				return {
					defaultBranch: first,
					branches: sortBranches(branches, first),
					private: info.private
				};
			}),
		branchHead: (branch, signal) => explained('push', () => api(signal).branchHead(branch)),
		rebaseOnto: (branch, head, changes, signal) =>
			overGit.rebaseOnto(branch, head, changes, signal),
		push: (options) => overGit.push(options),
		// Checked out over smart HTTP, as plain git is (no API snapshot: its raw files carry no
		// blob ids to verify against).
		snapshot: (options) => overGit.snapshot(options),
		openChangeRequest: (options) =>
			explained('pull-request', () => openGiteaPull(api(options.signal), options)),
		checkToken: (signal) =>
			explained('token', async () => {
				const user = await client.get<{ login: string }>('/user', signal);
				return { login: user.login, scopes: null, missing: [] };
			})
	};
}

// The one place that decides which forge serves a repository: from its URL, and from Settings,
// where a self-managed GitLab or Gitea host is named once (Settings → Git hosts, its kind).
// Adding a forge: a folder implementing `Forge`, plus its line in `forges` below.
import { hostKey, isLoopback } from '../credentials/index.ts';
import type { RepoRef } from '../git/repo-ref.ts';
import type { GitHostCredential } from '../store/schema.ts';
import { createGitForge } from './git/index.ts';
import { createGiteaForge } from './gitea/index.ts';
import { createGitHubForge } from './github/index.ts';
import { createGitLabForge } from './gitlab/index.ts';
import type { Forge, ForgeContext, ForgeKind, ForgeRepo } from './types.ts';

type MakeForge = (repo: ForgeRepo, context: ForgeContext) => Forge;

/**
 * How each forge is made: one line each. Plain git (any smart-HTTP host) pushes from the local
 * object store, so it is made where that lives (the git worker) with `ForgeContext.git`.
 */
const forges: Partial<Record<ForgeKind, MakeForge>> = {
	github: createGitHubForge,
	gitlab: createGitLabForge,
	gitea: createGiteaForge,
	git: createGitForge
};

/** Hosts whose kind is known without Settings. */
const KNOWN_HOSTS: Record<string, ForgeKind> = {
	'gitlab.com': 'gitlab',
	'codeberg.org': 'gitea',
	'gitea.com': 'gitea'
};

/** The API path each forge serves under its host. */
const API_PATH: Record<'gitlab' | 'gitea', string> = { gitlab: '/api/v4', gitea: '/api/v1' };

export type ForgeHost = Pick<GitHostCredential, 'host' | 'kind'>;

/** Which forge serves `host` (`gitlab.com`, `git.example.com:8443`): Settings first. */
export function forgeKindOfHost(host: string, hosts: readonly ForgeHost[]): ForgeKind {
	const key = hostKey(host);
	if (!key) return 'git';
	const named = hosts.find((h) => h.kind && h.kind !== 'git' && hostKey(h.host) === key);
	if (named?.kind) return named.kind;
	return KNOWN_HOSTS[key] ?? 'git';
}

/** The repository `ref` names, on the forge that serves it. */
export function forgeRepoFor(ref: RepoRef, hosts: readonly ForgeHost[]): ForgeRepo {
	if (ref.kind === 'github') {
		return {
			kind: 'github',
			apiBase: ref.apiBase,
			path: `${ref.owner}/${ref.repo}`,
			webUrl: ref.webUrl,
			cloneUrl: ref.cloneUrl
		};
	}
	const url = new URL(ref.url);
	const kind = forgeKindOfHost(url.host, hosts);
	const path = url.pathname.replace(/^\/+|\/+$/g, '').replace(/\.git$/, '');
	const served = kind === 'gitlab' || kind === 'gitea';
	if (!served || !forges[kind] || (kind === 'gitea' && path.split('/').length !== 2)) {
		return { kind: 'git', apiBase: '', path, webUrl: ref.url, cloneUrl: ref.url };
	}
	return {
		kind,
		apiBase: `${url.origin}${API_PATH[kind]}`,
		path,
		webUrl: `${url.origin}/${path}`,
		cloneUrl: `${url.origin}/${path}.git`
	};
}

/** The forge that serves `repo` (null only for a kind no forge is built for yet). */
export function forgeFor(repo: ForgeRepo, context: ForgeContext): Forge | null {
	return forges[repo.kind]?.(repo, context) ?? null;
}

/** The API base of a forge on `host` (`https://git.example.com/api/v4`; http on loopback). */
export function forgeApiBase(host: string, kind: 'gitlab' | 'gitea'): string | null {
	const key = hostKey(host);
	if (!key) return null;
	const scheme = isLoopback(new URL(`http://${key}`).hostname) ? 'http' : 'https';
	return `${scheme}://${key}${API_PATH[kind]}`;
}

/** Settings' Test button for a forge host: the token's login and scopes, asked of its API. */
export function forgeForHost(
	host: string,
	kind: 'gitlab' | 'gitea',
	context: ForgeContext
): Forge | null {
	const apiBase = forgeApiBase(host, kind);
	if (!apiBase) return null;
	const origin = new URL(apiBase).origin;
	return forgeFor({ kind, apiBase, path: '', webUrl: origin, cloneUrl: origin }, context);
}

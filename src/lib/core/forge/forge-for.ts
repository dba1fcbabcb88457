// The one place that decides which forge serves a repository: from its URL, and from Settings,
// where a self-managed GitLab or Gitea host is named once (Settings → Git hosts, its kind).
// Adding a forge: a folder implementing `Forge`, plus its line in `forges` below; nothing else in
// core chooses between forges.
import { hostKey, isLoopback } from '../credentials/index.ts';
import type { RepoRef } from '../git/repo-ref.ts';
import type { GitHostCredential } from '../store/schema.ts';
import { createGitForge } from './git/index.ts';
import { createGiteaForge } from './gitea/index.ts';
import { createGitHubForge } from './github/index.ts';
import { createGitLabForge } from './gitlab/index.ts';
import type { Forge, ForgeContext, ForgeRepo } from './types.ts';

type MakeForge = (repo: ForgeRepo, context: ForgeContext) => Forge;

/** All a forge is to the rest of Patchbay, besides its folder: how it is made and found. */
type ForgeEntry = {
	make: MakeForge;
	/** Where its REST API is served under the host; absent: no API by host (plain git). */
	apiPath?: string;
	/** Hosts whose kind is known without Settings. */
	knownHosts?: readonly string[];
	/** How many path segments name a repository (Gitea: owner/repo); any when absent. */
	pathSegments?: number;
};

/**
 * Every forge, one line each. GitHub is found by the repository reference itself (Settings'
 * GitHub API base); plain git serves any other smart-HTTP host and is made, where a push or a
 * checkout needs it, with `ForgeContext.git`.
 */
const forges = {
	github: { make: createGitHubForge },
	gitlab: { make: createGitLabForge, apiPath: '/api/v4', knownHosts: ['gitlab.com'] },
	gitea: {
		make: createGiteaForge,
		apiPath: '/api/v1',
		knownHosts: ['codeberg.org', 'gitea.com'],
		pathSegments: 2
	},
	git: { make: createGitForge }
} satisfies Record<string, ForgeEntry>;

/** The forges Patchbay knows; `git` is any smart-HTTP host without an API Patchbay uses. */
export type ForgeKind = keyof typeof forges;

const entry = (kind: string): ForgeEntry | undefined =>
	Object.hasOwn(forges, kind) ? (forges as Record<string, ForgeEntry>)[kind] : undefined;

export type ForgeHost = Pick<GitHostCredential, 'host' | 'kind'>;

/** Which forge serves `host` (`gitlab.com`, `git.example.com:8443`): Settings first. */
export function forgeKindOfHost(host: string, hosts: readonly ForgeHost[]): ForgeKind {
	const key = hostKey(host);
	if (!key) return 'git';
	// Only a forge served by host (an API path) can be named for one in Settings.
	const named = hosts.find((h) => h.kind && entry(h.kind)?.apiPath && hostKey(h.host) === key);
	if (named?.kind) return named.kind;
	const known = Object.entries(forges).find(([, f]) => (f as ForgeEntry).knownHosts?.includes(key));
	return (known?.[0] as ForgeKind | undefined) ?? 'git';
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
	const forge = entry(kind);
	const segments = forge?.pathSegments;
	if (!forge?.apiPath || (segments && path.split('/').length !== segments)) {
		return { kind: 'git', apiBase: '', path, webUrl: ref.url, cloneUrl: ref.url };
	}
	return {
		kind,
		apiBase: `${url.origin}${forge.apiPath}`,
		path,
		webUrl: `${url.origin}/${path}`,
		cloneUrl: `${url.origin}/${path}.git`
	};
}

/** The forge that serves `repo` (null only for a kind no forge is built for yet). */
export function forgeFor(repo: ForgeRepo, context: ForgeContext): Forge | null {
	return entry(repo.kind)?.make(repo, context) ?? null;
}

/** The API base of a forge on `host` (`https://git.example.com/api/v4`; http on loopback). */
export function forgeApiBase(host: string, kind: ForgeKind): string | null {
	const key = hostKey(host);
	const apiPath = entry(kind)?.apiPath;
	if (!key || !apiPath) return null;
	const scheme = isLoopback(new URL(`http://${key}`).hostname) ? 'http' : 'https';
	return `${scheme}://${key}${apiPath}`;
}

/** Settings' Test button for a forge host: the token's login and scopes, asked of its API. */
export function forgeForHost(host: string, kind: ForgeKind, context: ForgeContext): Forge | null {
	const apiBase = forgeApiBase(host, kind);
	if (!apiBase) return null;
	const origin = new URL(apiBase).origin;
	return forgeFor({ kind, apiBase, path: '', webUrl: origin, cloneUrl: origin }, context);
}

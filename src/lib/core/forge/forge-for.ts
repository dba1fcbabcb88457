// The one place that decides which forge serves a repository: from its URL, and from Settings,
// where a self-managed GitLab or Gitea host is named once (Settings → Git hosts, its kind).
// Adding a forge: a folder implementing `Forge` with an `entry.ts` (how it is found, how the page
// words it, how it loads), plus its line in `forges` below. Nothing else in Patchbay lists
// forges: core, Settings' kind picker, the store's validation and the page read this table.
// It stays light (no forge's code is imported here), so Settings and the store may use it.
import { hostKey, isLoopback } from '../credentials/index.ts';
import type { RepoRef } from '../git/repo-ref.ts';
import type { GitHostCredential } from '../store/schema.ts';
import { git } from './git/entry.ts';
import { gitea } from './gitea/entry.ts';
import { github } from './github/entry.ts';
import { gitlab } from './gitlab/entry.ts';
import type { Forge, ForgeContext, ForgeEntry, ForgeRepo } from './types.ts';

/**
 * Every forge, one line each, in the order Settings offers them. GitHub is found by the
 * repository reference itself (Settings' GitHub API base); plain git serves any other smart-HTTP
 * host and is made, where a push or a checkout needs it, with `ForgeContext.git`.
 */
const forges = { github, git, gitlab, gitea } satisfies Record<string, ForgeEntry>;

/** The forges Patchbay knows; `git` is any smart-HTTP host without an API Patchbay uses. */
export type ForgeKind = keyof typeof forges;

const entry = (kind: string): ForgeEntry | undefined =>
	Object.hasOwn(forges, kind) ? (forges as Record<string, ForgeEntry>)[kind] : undefined;

/** What the page may know of a forge without loading it (its request's words, its name). */
export type ForgeMeta = Readonly<ForgeEntry> & { kind: ForgeKind };

export function forgeMeta(kind: ForgeKind): ForgeMeta {
	return { ...forges[kind], kind };
}

/**
 * Settings → Git hosts' kind picker, in the table's order: each forge it offers, and whether a
 * host may be named as it (stored as the host's kind, its token tested through its API). The
 * one offered but not named is the default, plain git.
 */
export function settingsKinds(): { kind: ForgeKind; label: string; named: boolean }[] {
	return (Object.keys(forges) as ForgeKind[]).flatMap((kind) => {
		const { settingsLabel, apiPath } = forges[kind] as ForgeEntry;
		return settingsLabel ? [{ kind, label: settingsLabel, named: !!apiPath }] : [];
	});
}

/** The kind a Settings host may be stored with (a forge served by host), or null. */
export function namedHostKind(kind: unknown): ForgeKind | null {
	return typeof kind === 'string' && entry(kind)?.apiPath ? (kind as ForgeKind) : null;
}

/** The hosts known to run a forge, for start links (`<app>#/gitlab.com/group/repo`). */
export function knownForgeHosts(): {
	host: string;
	pathSegments?: number;
	branchPage?: readonly [string, string];
}[] {
	return Object.values(forges as Record<string, ForgeEntry>).flatMap(
		({ knownHosts = [], pathSegments, branchPage }) =>
			knownHosts.map((host) => ({ host, pathSegments, branchPage }))
	);
}

export type ForgeHost = Pick<GitHostCredential, 'host' | 'kind'>;

/** Which forge serves `host` (`gitlab.com`, `git.example.com:8443`): Settings first. */
export function forgeKindOfHost(host: string, hosts: readonly ForgeHost[]): ForgeKind {
	const key = hostKey(host);
	if (!key) return 'git';
	// Only a forge served by host (an API path) can be named for one in Settings.
	const named = hosts.find((h) => namedHostKind(h.kind) && hostKey(h.host) === key);
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

/** The forge that serves `repo`, its code loaded on first use (null for a kind not in the table). */
export async function forgeFor(repo: ForgeRepo, context: ForgeContext): Promise<Forge | null> {
	const make = await entry(repo.kind)?.load();
	return make?.(repo, context) ?? null;
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
export async function forgeForHost(
	host: string,
	kind: ForgeKind,
	context: ForgeContext
): Promise<Forge | null> {
	const apiBase = forgeApiBase(host, kind);
	if (!apiBase) return null;
	const origin = new URL(apiBase).origin;
	return forgeFor({ kind, apiBase, path: '', webUrl: origin, cloneUrl: origin }, context);
}

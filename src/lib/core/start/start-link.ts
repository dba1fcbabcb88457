// Links that name a repository (and maybe a task) to start from. The app uses SvelteKit's hash
// router, so `<app>#/github.com/owner/repo` and `<app>#/new?repo=…` are routes. This file only
// reads and writes such links; starting anything is the page's decision.
import { parseRepoInput } from '../git/index.ts';
import { AppError } from '../http/index.ts';
import { FULL_SHA, namesGitHub, parseGitHubAddress } from './github-path.ts';
import { parseForgeAddress } from './forge-path.ts';
import { cleanPrompt, isBranchName, START_LINK_LIMITS } from './link-values.ts';

export type StartMode = 'code' | 'ask';

export type StartLink = { repo: string; branch?: string; prompt?: string; mode?: StartMode };

type RawLink = { repo?: string; branch?: string; prompt?: string; mode?: string };
type Checked = { link: StartLink } | { problem: string };

const NEW_ROUTE = /^\/new\/?(?:\?(.*))?$/s;
const KEYS = ['repo', 'branch', 'prompt', 'mode'] as const;
/** Only used to check a `repo=` value's shape; the page resolves it against its own settings. */
const GITHUB_API = 'https://api.github.com';
/** DNS labels joined by dots, or a bracketed IPv6 address. */
const HOSTNAME =
	/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])$/i;

/**
 * The start link in a URL fragment (with or without its `#`), or null when the fragment is not
 * one, or is one with a value that fails its check (a link is taken whole or not at all).
 */
export function parseStartLink(fragment: string): StartLink | null {
	if (fragment.length > START_LINK_LIMITS.fragment) return null;
	const route = fragment.replace(/^#/, '');
	if (!route.startsWith('/')) return null;
	const query = NEW_ROUTE.exec(route);
	if (query) return fromQuery(query[1] ?? '');
	const target = parseGitHubAddress(route.slice(1)) ?? parseForgeAddress(route.slice(1));
	return target && target.repo.length <= START_LINK_LIMITS.repo ? target : null;
}

/**
 * The link that opens the app at `appUrl` with this repository (and task) filled in: the short
 * `#/github.com/owner/repo[/tree/branch]` form when it names only a github.com repository and
 * branch, `#/new?…` otherwise. Throws `AppError('bad-start-link')` for a value a link may not
 * carry, so a link that is made always opens.
 */
export function startLinkFor(appUrl: string, link: StartLink): string {
	const checked = checkLink(link);
	if ('problem' in checked) {
		throw new AppError(
			'bad-start-link',
			checked.problem,
			'Shorten or correct it, then copy again.'
		);
	}
	const { repo, branch, prompt, mode } = checked.link;
	const base = new URL(appUrl);
	base.hash = '';
	const github = /^https:\/\/github\.com\/([^/]+\/[^/]+)$/.exec(repo);
	// The short form drops a branch that looks like a commit id, so such a branch takes the long one.
	const short = prompt === undefined && mode === undefined && !FULL_SHA.test(branch ?? '');
	if (github && short) {
		const tree =
			branch === undefined ? '' : `/tree/${branch.split('/').map(encodeURIComponent).join('/')}`;
		return `${base.href}#/github.com/${github[1]}${tree}`;
	}
	const params = new URLSearchParams({ repo });
	if (branch !== undefined) params.set('branch', branch);
	if (prompt !== undefined) params.set('prompt', prompt);
	if (mode !== undefined) params.set('mode', mode);
	return `${base.href}#/new?${params}`;
}

function fromQuery(query: string): StartLink | null {
	const params = new URLSearchParams(query);
	// A repeated key could show one value to the person and hand another to the page.
	if (KEYS.some((key) => params.getAll(key).length > 1)) return null;
	const raw: RawLink = {};
	for (const key of KEYS) {
		const value = params.get(key);
		if (value !== null) raw[key] = value;
	}
	const checked = checkLink(raw);
	return 'link' in checked ? checked.link : null;
}

/** The link with every value trimmed and checked, or the first problem found. */
function checkLink(raw: RawLink): Checked {
	const repoText = raw.repo?.trim() ?? '';
	if (!repoText) return { problem: 'A start link needs a repository.' };
	if (repoText.length > START_LINK_LIMITS.repo) {
		return { problem: `The repository is over ${START_LINK_LIMITS.repo} characters.` };
	}
	const repo = checkRepo(repoText);
	if ('problem' in repo) return repo;
	const link: StartLink = { ...repo.link };
	const branch = raw.branch?.trim();
	if (branch) {
		if (!isBranchName(branch)) return { problem: `"${branch}" is not a valid branch name.` };
		link.branch = branch;
	}
	const prompt = raw.prompt === undefined ? '' : cleanPrompt(raw.prompt);
	if (prompt === null) {
		return { problem: `The prompt is over ${START_LINK_LIMITS.prompt} characters.` };
	}
	if (prompt) link.prompt = prompt;
	const mode = raw.mode?.trim().toLowerCase();
	if (mode === 'code' || mode === 'ask') link.mode = mode;
	else if (mode) return { problem: `"${mode}" is not a mode; use code or ask.` };
	return { link };
}

/**
 * github.com addresses become the canonical `https://github.com/owner/repo` (keeping a branch
 * they name, which an explicit `branch=` overrides); anything else must be what the repository
 * field accepts, and stays as written so the page resolves it with its own GitHub settings.
 */
function checkRepo(text: string): Checked {
	if (namesGitHub(text)) {
		const target = parseGitHubAddress(text);
		return target ? { link: target } : { problem: `"${text}" names no GitHub repository.` };
	}
	try {
		const { ref } = parseRepoInput(text, GITHUB_API);
		// parseRepoInput lets `../../x` through as the URL https://../x; a link must name a host.
		if (ref.kind === 'git' && !HOSTNAME.test(new URL(ref.url).hostname)) {
			return { problem: `"${text}" names no host.` };
		}
		return { link: { repo: text } };
	} catch (error) {
		return { problem: error instanceof Error ? error.message : String(error) };
	}
}

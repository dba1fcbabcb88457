import { AppError } from '../http/index.ts';

/** Where a repository lives and how Patchbay reaches it. */
export type RepoRef =
	| {
			kind: 'github';
			apiBase: string;
			owner: string;
			repo: string;
			webUrl: string;
			cloneUrl: string;
	  }
	| { kind: 'git'; url: string };

export type ParsedRepo = { ref: RepoRef; branch?: string };

const NAME = /^[A-Za-z0-9_.-]+$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function badRepo(message: string): AppError {
	return new AppError(
		'bad-repo',
		message,
		'Use owner/repo, https://github.com/owner/repo, or the https:// URL you would give `git clone`.'
	);
}

function webBase(apiBase: string): string {
	const url = new URL(apiBase);
	if (url.hostname === 'api.github.com') return 'https://github.com';
	return url.origin;
}

function github(apiBase: string, owner: string, repo: string): RepoRef {
	const name = repo.replace(/\.git$/, '');
	if (!NAME.test(owner) || !NAME.test(name) || name === '.' || name === '..') {
		throw badRepo(`"${owner}/${repo}" is not a valid GitHub repository name.`);
	}
	const web = `${webBase(apiBase)}/${owner}/${name}`;
	return {
		kind: 'github',
		apiBase: apiBase.replace(/\/+$/, ''),
		owner,
		repo: name,
		webUrl: web,
		cloneUrl: `${web}.git`
	};
}

/**
 * Reads what a person pasted: `owner/repo`, a github.com URL (with or without `.git`, or a
 * `/tree/<branch>` page), a URL on the configured GitHub API's host (GitHub Enterprise), a
 * GitLab page (`gitlab.com/group/sub/repo/-/tree/<branch>`), or any other https:// git URL.
 */
export function parseRepoInput(input: string, githubApiBase: string): ParsedRepo {
	const text = input.trim().replace(/\/+$/, '');
	if (!text) throw badRepo('Enter a repository.');
	if (/\s/.test(text)) throw badRepo(`"${text}" contains spaces; a repository URL has none.`);
	const short = text.split('/');
	if (!text.includes(':') && short.length === 2 && !short[0]!.includes('.')) {
		return { ref: github(githubApiBase, short[0]!, short[1]!) };
	}
	const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
	let url: URL;
	try {
		url = new URL(withScheme);
	} catch {
		throw badRepo(`"${text}" is neither owner/repo nor a URL.`);
	}
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
		throw badRepo(`Only https:// repository URLs are supported (got ${url.protocol}//).`);
	}
	if (url.username || url.password)
		throw badRepo('Put tokens in Settings, not in the repository URL.');
	const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
	const apiHost = new URL(githubApiBase).host;
	const isGitHub =
		url.hostname === 'github.com' || (url.host === apiHost && url.hostname !== 'api.github.com');
	if (isGitHub) {
		if (parts.length < 2)
			throw badRepo(`${url.href} does not name a repository (expected /owner/repo).`);
		const apiBase = url.hostname === 'github.com' ? 'https://api.github.com' : githubApiBase;
		const ref = github(apiBase, parts[0]!, parts[1]!);
		const branch = parts[2] === 'tree' && parts.length > 3 ? parts.slice(3).join('/') : undefined;
		return branch ? { ref, branch } : { ref };
	}
	if (parts.length === 0) throw badRepo(`${url.href} has no repository path.`);
	// A GitLab page (`group/sub/repo/-/tree/branch`, `…/-/merge_requests`): the project ends
	// before `/-/`, which no repository path holds.
	const dash = parts.indexOf('-');
	if (dash >= 2) {
		const project = `${url.origin}/${parts.slice(0, dash).map(encodeURIComponent).join('/')}`;
		const tree = parts[dash + 1] === 'tree' && parts.length > dash + 2;
		const ref: RepoRef = { kind: 'git', url: project };
		return tree ? { ref, branch: parts.slice(dash + 2).join('/') } : { ref };
	}
	return { ref: { kind: 'git', url: `${url.origin}${url.pathname}`.replace(/\/+$/, '') } };
}

/** A short name for messages and lists: `owner/repo` or host/path. */
export function repoLabel(ref: RepoRef): string {
	if (ref.kind === 'github') return `${ref.owner}/${ref.repo}`;
	const url = new URL(ref.url);
	return `${url.host}${url.pathname}`.replace(/\.git$/, '');
}

// github.com addresses as people copy them: a repository's page, a branch, a file, a pull
// request. Putting the app's address and `#/` in front of one turns it into a start link.
import { decodedSegments, isBranchName } from './link-values.ts';

export type GitHubTarget = { repo: string; branch?: string };

/** `github.com/…`, with or without `https://` (or the `https:/` some apps leave) and `www.`. */
const HOST = /^(?:https?:\/\/?)?(?:www\.)?github\.com(?=[/?#]|$)/i;
/** GitHub's rule for user and organisation names (underscores: Enterprise Managed Users). */
const OWNER = /^[A-Za-z0-9][A-Za-z0-9_-]{0,38}$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;
/** Top-level github.com pages whose paths look like owner/repo but name no repository. */
const RESERVED = new Set(
	(
		'about apps collections customer-stories dashboard enterprise explore features issues join ' +
		'login logout marketplace new notifications organizations orgs pricing pulls search ' +
		'settings site sponsors topics trending users'
	).split(' ')
);
export const FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

export function namesGitHub(text: string): boolean {
	return HOST.test(text);
}

/**
 * The repository (as `https://github.com/owner/repo`) and branch a github.com address names,
 * or null when it names none or names one GitHub would not allow. Segments are
 * percent-decoded before they are checked, so `%2F` or `%2e%2e` cannot slip past.
 */
export function parseGitHubAddress(text: string): GitHubTarget | null {
	const host = HOST.exec(text);
	if (!host) return null;
	const path = text.slice(host[0].length).replace(/[?#].*$/s, '');
	const parts = decodedSegments(path);
	if (parts === null || parts.length < 2) return null;
	const [owner, name, kind, ...rest] = parts as [string, string, ...string[]];
	const repo = name.replace(/\.git$/i, '');
	if (!OWNER.test(owner) || RESERVED.has(owner.toLowerCase())) return null;
	if (!REPO.test(repo) || /^\.+$/.test(repo)) return null;
	const target = { repo: `https://github.com/${owner}/${repo}` };
	// After /blob/ come the branch and a file path, which cannot be told apart when the branch
	// has a slash; the first segment is right for the usual main/master/dev.
	const branch = kind === 'tree' ? rest.join('/') : kind === 'blob' ? (rest[0] ?? '') : '';
	// A commit id is not a branch: the repository's default branch is the better start.
	if (!branch || FULL_SHA.test(branch)) return target;
	return isBranchName(branch) ? { ...target, branch } : null;
}

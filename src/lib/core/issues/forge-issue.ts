// GitLab and Gitea/Forgejo issue addresses, and the issue read through the forge's API:
// `https://gitlab.com/group/sub/repo/-/issues/12`, `https://codeberg.org/owner/repo/issues/12`,
// and self-managed hosts Settings → Git hosts names as GitLab or Gitea. The token is the host's
// own (the REST client asks `credentialFor` per URL), never the GitHub token. Apart from index.ts:
// it loads the forge seam, so the composer imports it only when such an address is pasted.
import type { Credentials } from '../credentials/index.ts';
import { forgeApiBase, forgeKindOfHost, type ForgeHost } from '../forge/forge-for.ts';
import { readGiteaIssue } from '../forge/gitea/issue.ts';
import { readGitLabIssue } from '../forge/gitlab/issue.ts';
import { createRestClient, ForgeHttpError } from '../forge/rest-client.ts';
import { AppError } from '../http/index.ts';
import { MAX_COMMENTS } from './fetch-issue.ts';
import type { IssueText } from './issue-draft.ts';
import { issueUrl, type IssueRef } from './issue-ref.ts';

const SEGMENT = '[A-Za-z0-9_.-]+';
/** host, path (`group/sub/repo`), GitLab's `-/`, number; the scheme and a query are optional. */
const ISSUE_ADDRESS = new RegExp(
	`^(?:https?://)?([^/\\s?#@]+)/((?:${SEGMENT}/)*?${SEGMENT})/(-/)?issues/([1-9][0-9]{0,9})/?(?:[?#].*)?$`,
	'i'
);

/** The issue a GitLab or Gitea address names, or null (GitHub's are `parseIssueRef`'s). */
export function parseForgeIssueRef(input: string, hosts: readonly ForgeHost[]): IssueRef | null {
	const match = ISSUE_ADDRESS.exec(input.trim().replace(/^#\//, ''));
	if (!match) return null;
	const [, host = '', path = '', dash, number] = match;
	const forge = forgeKindOfHost(host, hosts);
	if (forge !== 'gitlab' && forge !== 'gitea') return null;
	const parts = path.split('/');
	if (parts.some((part) => part === '.' || part === '..' || part === '-')) return null;
	// Gitea has no subgroups and no `-/` in its addresses.
	if (forge === 'gitea' && (parts.length !== 2 || dash)) return null;
	const apiBase = forgeApiBase(host, forge);
	if (!apiBase) return null;
	return {
		forge,
		// https, or http on loopback: as the rest of the app reaches the host.
		origin: new URL(apiBase).origin,
		owner: parts.slice(0, -1).join('/'),
		repo: parts.at(-1)!.replace(/\.git$/, ''),
		number: Number(number)
	};
}

export async function readForgeIssue(
	ref: IssueRef,
	credentials: Credentials,
	options: { fetch?: typeof fetch; signal?: AbortSignal } = {}
): Promise<IssueText> {
	const { forge, origin } = ref;
	const apiBase = forge && origin ? forgeApiBase(new URL(origin).host, forge) : null;
	if (!forge || !apiBase) throw new AppError('issue-unreadable', `${issueUrl(ref)} is on GitHub.`);
	const client = createRestClient({
		apiBase,
		credentials,
		scheme: forge === 'gitlab' ? 'Bearer' : 'token',
		fetch: options.fetch
	});
	const path = `${ref.owner}/${ref.repo}`;
	try {
		return forge === 'gitlab'
			? await readGitLabIssue(client, path, ref.number, MAX_COMMENTS, options.signal)
			: await readGiteaIssue(client, path, ref.number, MAX_COMMENTS, options.signal);
	} catch (error) {
		throw explained(error, ref, new URL(apiBase).host);
	}
}

function explained(error: unknown, ref: IssueRef, host: string): AppError {
	const where = issueUrl(ref);
	const cause = { cause: error };
	if (!(error instanceof ForgeHttpError))
		return new AppError('issue-unreadable', `Could not read ${where}: ${String(error)}`, '', cause);
	const tokenHint = `save a token that can read this repository for ${host} in Settings → Git hosts`;
	switch (error.status) {
		case undefined:
			return error.aborted
				? new AppError('aborted', 'Cancelled.', '', cause)
				: new AppError(
						'unreachable',
						`Could not reach ${host} to read ${where}.`,
						'Check the address and your connection, then try again.',
						cause
					);
		case 404:
		case 410:
			return new AppError(
				'issue-not-found',
				`${where} was not found.`,
				`Check the number; for a private repository, ${tokenHint}.`,
				cause
			);
		case 401:
		case 403:
			return new AppError(
				'issue-unreadable',
				`${host} refused to show ${where} (${error.status} ${error.message}).`,
				`The token may be expired or lack read access: ${tokenHint}.`,
				cause
			);
		default:
			return new AppError(
				'issue-unreadable',
				`Could not read ${where}: ${host} answered ${error.status} ${error.message}.`,
				'Try again in a moment.',
				cause
			);
	}
}

// Issue addresses on a forge served by host, and the issue read through the forge's API:
// `https://gitlab.com/group/sub/repo/-/issues/12`, `https://codeberg.org/owner/repo/issues/12`,
// and self-managed hosts Settings → Git hosts names as GitLab or Gitea. Which forges, how their
// addresses are spelt, how their API takes a token and their reader all come from each forge's
// entry.ts (`issues`), the reader loaded when an issue is read: nothing here names a forge. The
// token is the host's own (the REST client asks `credentialFor` per URL), never the GitHub
// token. Apart from index.ts, so the composer imports it only when such an address is pasted.
import type { Credentials } from '../credentials/index.ts';
import { forgeApiBase, forgeKindOfHost, forgeMeta, type ForgeHost } from '../forge/forge-for.ts';
import { createRestClient, ForgeHttpError } from '../forge/rest-client.ts';
import { AppError } from '../http/index.ts';
import { MAX_COMMENTS } from './fetch-issue.ts';
import type { IssueText } from './issue-draft.ts';
import { issueUrl, type IssueRef } from './issue-ref.ts';

const SEGMENT = '[A-Za-z0-9_.-]+';
/** host, then the repository and the forge's issue path (`group/sub/repo/-/issues`), number;
 * the scheme and a query are optional. */
const ISSUE_ADDRESS = new RegExp(
	`^(?:https?://)?([^/\\s?#@]+)/((?:${SEGMENT}/)+${SEGMENT})/([1-9][0-9]{0,9})/?(?:[?#].*)?$`
);

/** The issue a forge's address names (GitLab's, Gitea's), or null (GitHub's are `parseIssueRef`'s). */
export function parseForgeIssueRef(input: string, hosts: readonly ForgeHost[]): IssueRef | null {
	const match = ISSUE_ADDRESS.exec(input.trim().replace(/^#\//, ''));
	if (!match) return null;
	const [, host = '', rest = '', number] = match;
	const forge = forgeKindOfHost(host, hosts);
	const { issues, pathSegments } = forgeMeta(forge);
	// The forge's issue path ends the rest (the longest first: `-/issues` before `issues`);
	// the repository's path is what stands before it.
	const issuePath = [...(issues?.paths ?? [])]
		.sort((a, b) => b.length - a.length)
		.find((p) => rest.toLowerCase().endsWith(`/${p.toLowerCase()}`));
	if (!issuePath) return null;
	const path = rest.slice(0, -issuePath.length - 1);
	const parts = path.split('/');
	if (parts.some((part) => part === '.' || part === '..' || part === '-')) return null;
	// A forge whose repositories are owner/repo (Gitea: no subgroups) names no other path.
	if (pathSegments && parts.length !== pathSegments) return null;
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
	const issues = forge ? forgeMeta(forge).issues : undefined;
	const apiBase = forge && origin ? forgeApiBase(new URL(origin).host, forge) : null;
	if (!forge || !issues || !apiBase)
		throw new AppError('issue-unreadable', `${issueUrl(ref)} is on GitHub.`);
	const client = createRestClient({
		apiBase,
		credentials,
		scheme: issues.authScheme,
		fetch: options.fetch
	});
	const path = `${ref.owner}/${ref.repo}`;
	try {
		const read = await issues.load();
		return await read(client, path, ref.number, MAX_COMMENTS, options.signal);
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

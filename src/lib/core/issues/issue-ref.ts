// Which issue a pasted address names: `https://github.com/o/r/issues/12`, without the scheme, or
// as Patchbay's start link `#/github.com/o/r/issues/12`. Another forge's issue addresses (one
// whose entry.ts declares `issues`: GitLab, Gitea) are read by forge-issue.ts (it needs
// Settings' hosts); a ref it makes names its forge and origin.
import { forgeMeta, type ForgeKind } from '../forge/forge-for.ts';

/**
 * A GitHub issue (no `forge`), or one on a forge served by host (GitLab: `owner` is the
 * namespace, `group/sub`; Gitea/Forgejo) at `origin` (`https://gitlab.com`).
 */
export type IssueRef = {
	owner: string;
	repo: string;
	number: number;
	forge?: ForgeKind;
	origin?: string;
};

const NAME = '[A-Za-z0-9_.-]+';
const ISSUE = new RegExp(
	`^(?:https?://)?(?:www\\.)?github\\.com/(${NAME})/(${NAME})/issues/([1-9][0-9]{0,9})/?(?:[?#].*)?$`
);

export function parseIssueRef(input: string): IssueRef | null {
	const text = input.trim().replace(/^#\//, '');
	const match = ISSUE.exec(text);
	if (!match) return null;
	const [, owner, repo, number] = match;
	if (owner === '.' || owner === '..' || repo === '.' || repo === '..') return null;
	return { owner: owner!, repo: repo!.replace(/\.git$/, ''), number: Number(number) };
}

export function issueUrl(ref: IssueRef): string {
	// The forge's own spelling (`-/issues` on GitLab), from its entry.
	if (ref.forge) return `${repoOf(ref)}/${issuePath(ref.forge)}/${ref.number}`;
	return `https://github.com/${ref.owner}/${ref.repo}/issues/${ref.number}`;
}

/** The issue's repository as the composer takes it: `owner/repo` on GitHub, else its address. */
export function repoOf(ref: IssueRef): string {
	return ref.forge ? `${ref.origin}/${ref.owner}/${ref.repo}` : `${ref.owner}/${ref.repo}`;
}

/** Where the issue was written, for the draft: "GitHub", or the host (`gitlab.com`). */
export function issueHostName(ref: IssueRef): string {
	return ref.forge && ref.origin ? new URL(ref.origin).host : 'GitHub';
}

function issuePath(kind: ForgeKind): string {
	return forgeMeta(kind).issues?.paths[0] ?? 'issues';
}

// Which issue a pasted address names: `https://github.com/o/r/issues/12`, without the scheme, or
// as Patchbay's start link `#/github.com/o/r/issues/12`. Anything else is not an issue address.

export type IssueRef = { owner: string; repo: string; number: number };

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
	return `https://github.com/${ref.owner}/${ref.repo}/issues/${ref.number}`;
}

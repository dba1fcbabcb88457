// Issues for the GitLab and Gitea peers, kept beside the bare repo they belong to
// (`<repo>.git/peer-issues.json`), so a test seeds them with a file write and both peers read
// them the same way. Numbers start at 1 per repository, as on both forges.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type PeerComment = {
	author: string;
	body: string;
	/** GitLab's own notes ("changed the description"): not a person's comment. */
	system?: boolean;
};

export type PeerIssue = {
	number: number;
	title: string;
	body: string;
	author: string;
	comments: PeerComment[];
};

const FILE = 'peer-issues.json';

export async function readIssues(gitDir: string): Promise<PeerIssue[]> {
	try {
		return JSON.parse(await readFile(join(gitDir, FILE), 'utf8')) as PeerIssue[];
	} catch {
		return [];
	}
}

/** Adds an issue to the repository at `gitDir`; returns its number. */
export async function seedIssue(
	gitDir: string,
	issue: Omit<PeerIssue, 'number' | 'comments'> & { comments?: PeerComment[] }
): Promise<number> {
	const issues = await readIssues(gitDir);
	const number = issues.length + 1;
	issues.push({ comments: [], ...issue, number });
	await writeFile(join(gitDir, FILE), JSON.stringify(issues, null, '\t'));
	return number;
}

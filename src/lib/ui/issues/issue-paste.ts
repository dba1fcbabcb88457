// A pasted issue address, turned into what the composer needs: the repository to pick or make an
// environment for, and the task drafted from the issue (the user edits it; nothing starts).
import { createGitHubClient } from '$lib/core/github';
import { AppError } from '$lib/core/http';
import { fetchIssue, issueDraft, parseIssueRef, type IssueRef } from '$lib/core/issues';
import { settingsRepo } from '$lib/core/store';
import { appDb } from '../db';

export type IssuePaste =
	| { kind: 'not-an-issue' }
	| { kind: 'drafted'; repo: string; draft: string; ref: IssueRef }
	| { kind: 'failed'; message: string };

export async function draftFromIssue(input: string): Promise<IssuePaste> {
	const ref = parseIssueRef(input);
	if (!ref) return { kind: 'not-an-issue' };
	try {
		const { github } = await settingsRepo(await appDb()).get();
		const issue = await fetchIssue(createGitHubClient(github), ref);
		const draft = issueDraft(ref, issue);
		return { kind: 'drafted', repo: `${ref.owner}/${ref.repo}`, draft, ref };
	} catch (error) {
		const message =
			error instanceof AppError
				? `${error.message} ${error.hint}`.trim()
				: `Could not read the issue: ${String(error)}`;
		return { kind: 'failed', message };
	}
}

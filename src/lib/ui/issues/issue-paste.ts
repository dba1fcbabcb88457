// A pasted issue address, turned into what the composer needs: the repository to pick or make an
// environment for, and the task drafted from the issue (the user edits it; nothing starts).
// GitHub's through its API client; GitLab's and Gitea's through theirs (forge-issue.ts, loaded
// only when such an address is pasted), each with its own host's token.
import { credentialsOf } from '$lib/core/credentials';
import type { GitHubEndpoint } from '$lib/core/github/check-token';
import { AppError } from '$lib/core/http';
import { fetchIssue, issueDraft, parseIssueRef, repoOf, type IssueRef } from '$lib/core/issues';
import { settingsRepo } from '$lib/core/store';
import { appDb } from '../db';

export type IssuePaste =
	| { kind: 'not-an-issue' }
	| { kind: 'drafted'; repo: string; draft: string; ref: IssueRef }
	| { kind: 'failed'; message: string };

/** Any host's issue address has this in it; only those load the forges' readers. */
const ISSUE_PATH = /\/issues\/[1-9]/;

export async function draftFromIssue(input: string): Promise<IssuePaste> {
	const github = parseIssueRef(input);
	if (!github && !ISSUE_PATH.test(input)) return { kind: 'not-an-issue' };
	try {
		const settings = await settingsRepo(await appDb()).get();
		const forge = github ? null : await import('$lib/core/issues/forge-issue');
		const ref = github ?? forge?.parseForgeIssueRef(input, settings.git.hosts ?? []);
		if (!ref) return { kind: 'not-an-issue' };
		const issue = forge
			? await forge.readForgeIssue(ref, credentialsOf(settings))
			: await fetchIssue(await gitHubClient(settings.github), ref);
		return { kind: 'drafted', repo: repoOf(ref), draft: issueDraft(ref, issue), ref };
	} catch (error) {
		const message =
			error instanceof AppError
				? `${error.message} ${error.hint}`.trim()
				: `Could not read the issue: ${String(error)}`;
		return { kind: 'failed', message };
	}
}

/** Octokit, loaded when a GitHub issue is first read: the composer is on the first page. */
async function gitHubClient(github: GitHubEndpoint) {
	const { createGitHubClient } = await import('$lib/core/github/client');
	return createGitHubClient(github);
}

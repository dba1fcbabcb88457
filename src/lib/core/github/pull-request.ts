// Open the pull request for a pushed branch. Run again after a follow-up (or after a lost
// answer) it finds the one already open instead of failing.
import { AppError } from '../http/index.ts';
import { clientFor, type GitHubAccess } from './client.ts';
import { explainGitHubFailure } from './errors.ts';
import { readFailure } from './failure.ts';
import { apiBaseOf, branchHead, type RepoCall } from './repo-call.ts';

export type PullRequestOptions = GitHubAccess & {
	owner: string;
	repo: string;
	/** The pushed branch. */
	head: string;
	/** The branch to merge into: the baseline's branch. */
	base: string;
	title: string;
	body: string;
	draft?: boolean;
	/** The commit the task started from: when `base` has moved on, `baseMoved` says so. */
	baselineCommit?: string;
	signal?: AbortSignal;
};

export type PullRequestResult = {
	number: number;
	/** The pull request's page. */
	url: string;
	draft: boolean;
	/** It was open already (a push after a follow-up updates it). */
	existing: boolean;
	/** `base` no longer points at the baseline commit; the PR still works, a rebase may help. */
	baseMoved: boolean;
};

type Opened = Omit<PullRequestResult, 'baseMoved'>;

async function findOpen(call: RepoCall, head: string, base: string): Promise<Opened | null> {
	const { data } = await call.octokit.rest.pulls.list({
		owner: call.owner,
		repo: call.repo,
		head: `${call.owner}:${head}`,
		base,
		state: 'open',
		request: { signal: call.signal }
	});
	const pull = data[0];
	return pull
		? { number: pull.number, url: pull.html_url, draft: pull.draft ?? false, existing: true }
		: null;
}

async function createOrFind(
	call: RepoCall,
	options: PullRequestOptions,
	draft: boolean
): Promise<Opened> {
	const { head, base, title, body } = options;
	try {
		const { data } = await call.octokit.rest.pulls.create({
			...{ owner: call.owner, repo: call.repo, head, base, title, body, draft },
			request: { signal: call.signal }
		});
		return { number: data.number, url: data.html_url, draft: data.draft ?? draft, existing: false };
	} catch (error) {
		const { status, message } = readFailure(error);
		if (status !== 422) throw error;
		if (/already exists/i.test(message)) {
			const open = await findOpen(call, head, base);
			if (open) return open;
		}
		// Private repositories on free plans cannot have drafts; a ready PR beats none.
		if (draft && /draft/i.test(message)) return createOrFind(call, options, false);
		if (/no commits between/i.test(message)) {
			throw new AppError(
				'nothing-to-merge',
				`${head} has no commits that ${base} lacks, so there is nothing to review.`,
				'Push the changes first.'
			);
		}
		throw error;
	}
}

export async function openPullRequest(options: PullRequestOptions): Promise<PullRequestResult> {
	const { owner, repo, base } = options;
	const octokit = clientFor(options);
	const call: RepoCall = { octokit, owner, repo, signal: options.signal };
	try {
		const baseHead = await branchHead(call, base);
		if (baseHead === null) {
			throw new AppError(
				'base-missing',
				`The base branch ${base} no longer exists in ${owner}/${repo}.`,
				'Open the pull request on GitHub against another branch.'
			);
		}
		const opened = await createOrFind(call, options, options.draft ?? false);
		// An open request found again (a follow-up's push) gets the new title and body.
		if (opened.existing) {
			await call.octokit.rest.pulls.update({
				...{ owner, repo, pull_number: opened.number, title: options.title, body: options.body },
				request: { signal: call.signal }
			});
		}
		const baseMoved = options.baselineCommit !== undefined && baseHead !== options.baselineCommit;
		return { ...opened, baseMoved };
	} catch (error) {
		throw await explainGitHubFailure(error, {
			action: 'pull-request',
			apiBase: apiBaseOf(octokit),
			owner,
			repo
		});
	}
}

// Messages between the page and the git worker.
import type { Credentials } from '$lib/core/credentials';
import type { FileChange } from '$lib/core/diff';
import type { PushResult } from '$lib/core/forge';
import type { Baseline, CheckoutProgress, CheckoutStats, RepoInfo } from '$lib/core/git';
import type { BranchSpec } from '$lib/core/github';
import type { TreeFile } from '$lib/core/sandbox';
import type { SetupProposal } from '$lib/core/start';

export type GitAccess = {
	repoUrl: string;
	githubApiBase: string;
	/** All of Settings' credentials: each request gets only its own host's (`credentialFor`). */
	credentials: Credentials;
	corsProxy: string;
};

export type GitRequest =
	| { type: 'lookup'; access: GitAccess }
	| { type: 'checkout'; access: GitAccess; branch: string; maxFileBytes?: number }
	/**
	 * Looks the repo up and proposes a setup from its listing and the few files the proposer
	 * reads; the full checkout then starts in the worker, and a `checkout` for the same repo and
	 * branch while it runs joins it (checkout-in-worker.ts).
	 */
	| { type: 'propose'; access: GitAccess; branch?: string }
	/**
	 * Pushes an attempt's changes as a branch over smart HTTP, through the plain-git forge (plain
	 * git hosts, and Gitea's branch before its pull request).
	 */
	| {
			type: 'push';
			access: GitAccess;
			base: { commit: string; tree: string };
			changes: FileChange[];
			branch: BranchSpec;
			message: string;
			existingBranch?: { name: string; sha: string };
			/** Replay the changes onto this head of the base branch first (fetched when missing). */
			rebase?: { branch: string; head: string };
	  }
	/** The commit a branch points at on the git host now (null: no such branch). */
	| { type: 'branch-head'; access: GitAccess; branch: string };

export type GitResults = {
	lookup: RepoInfo;
	checkout: { baseline: Baseline; stats: CheckoutStats; files: TreeFile[] };
	propose: { info: RepoInfo; branch: string; proposal: SetupProposal };
	/** With the base the branch sits on (the baseline's, or the head it was rebased onto). */
	push: PushResult & { base: { commit: string; tree: string } };
	'branch-head': string | null;
};

export type WorkerMessage =
	| { id: number; kind: 'progress'; progress: CheckoutProgress }
	| { id: number; kind: 'result'; value: GitResults[keyof GitResults] }
	| { id: number; kind: 'error'; error: { code: string; message: string; hint: string } };

// Messages between the page and the git worker.
import type { Baseline, CheckoutProgress, CheckoutStats, RepoInfo } from '$lib/core/git';
import type { TreeFile } from '$lib/core/sandbox';
import type { SetupProposal } from '$lib/core/start';

export type GitAccess = {
	repoUrl: string;
	githubApiBase: string;
	token: string;
	corsProxy: string;
};

export type GitRequest =
	| { type: 'lookup'; access: GitAccess }
	| { type: 'checkout'; access: GitAccess; branch: string; maxFileBytes?: number }
	/** Looks the repo up and proposes a setup from its files (the checkout is cached for the run). */
	| { type: 'propose'; access: GitAccess; branch?: string };

export type GitResults = {
	lookup: RepoInfo;
	checkout: { baseline: Baseline; stats: CheckoutStats; files: TreeFile[] };
	propose: { info: RepoInfo; branch: string; proposal: SetupProposal };
};

export type WorkerMessage =
	| { id: number; kind: 'progress'; progress: CheckoutProgress }
	| { id: number; kind: 'result'; value: GitResults[keyof GitResults] }
	| { id: number; kind: 'error'; error: { code: string; message: string; hint: string } };

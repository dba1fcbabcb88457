// Messages between the page and the git worker.
import type { Baseline, CheckoutProgress, CheckoutStats, RepoInfo } from '$lib/core/git';
import type { TreeFile } from '$lib/core/sandbox';

export type GitAccess = {
	repoUrl: string;
	githubApiBase: string;
	token: string;
	corsProxy: string;
};

export type GitRequest =
	| { type: 'lookup'; access: GitAccess }
	| { type: 'checkout'; access: GitAccess; branch: string; maxFileBytes?: number };

export type GitResults = {
	lookup: RepoInfo;
	checkout: { baseline: Baseline; stats: CheckoutStats; files: TreeFile[] };
};

export type WorkerMessage =
	| { id: number; kind: 'progress'; progress: CheckoutProgress }
	| { id: number; kind: 'result'; value: GitResults[keyof GitResults] }
	| { id: number; kind: 'error'; error: { code: string; message: string; hint: string } };

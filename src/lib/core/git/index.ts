export type {
	Baseline,
	BaselineEntry,
	BlobMode,
	CheckoutListed,
	CheckoutProgress,
	CheckoutStats,
	SkippedEntry
} from './baseline.ts';
export { DEFAULT_MAX_FILE_BYTES } from './baseline.ts';
export { commitInfoFromObject, isoDate, type CommitInfo } from './commit-info.ts';
export { parseRepoInput, repoLabel, type ParsedRepo, type RepoRef } from './repo-ref.ts';
export { type RepoInfo } from './lookup.ts';
export { baselineFiles, gitdirFor } from './checkout.ts';
export { createCheckoutRuns, type CheckoutRun, type CheckoutRuns } from './checkout-runs.ts';
export { openObjectStore, readBlob, type ObjectStore } from './object-store.ts';
export { mergeRequestLink, type MergeRequestLink } from './merge-request-link.ts';
export { rebaseOverSmartHttp, remoteBranchHead, type RemoteBranch } from './rebase-smart-http.ts';
export { gitAuth, type GitRemoteOptions } from './remote.ts';
export {
	DEFAULT_AUTHOR,
	pushOverSmartHttp,
	type GitAuthor,
	type SmartHttpPushOptions,
	type SmartHttpPushResult
} from './push-smart-http.ts';

export { checkGitHubToken, type GitHubEndpoint, type TokenCheck } from './check-token.ts';
export { createGitHubClient, type GitHubAccess } from './client.ts';
export type { ThrottleOptions } from './throttle.ts';
export type { Clock } from './clock.ts';
export { pushChanges, type PushOptions } from './push.ts';
export type { PushProgress, PushResult } from '../change-request/push-types.ts';
export type { ExistingBranch } from './advance-branch.ts';
export { baseBranchHead, rebaseOntoHead, type RepoAccess } from './rebase.ts';
export {
	DEFAULT_BRANCH_PREFIX,
	branchNameFor,
	isValidBranchName,
	maskedBranchName,
	slugify,
	type BranchSpec
} from '../change-request/branch-name.ts';
export {
	openPullRequest,
	type PullRequestOptions,
	type PullRequestResult
} from './pull-request.ts';
export {
	pullRequestBody,
	pullRequestTitle,
	type BlockedRequest,
	type PullRequestTask
} from '../change-request/request-body.ts';
export { commitMessage } from '../change-request/commit-message.ts';

// What a change request is made of on any host: the branch's name, the commit message, the
// request's title and body (the whole task, masked), and what a push reports.
export {
	DEFAULT_BRANCH_PREFIX,
	branchNameFor,
	candidateName,
	firstFreeName,
	isCandidateOf,
	isValidBranchName,
	maskedBranchName,
	slugify,
	type BranchSpec
} from './branch-name.ts';
export { commitMessage } from './commit-message.ts';
export {
	pullRequestBody,
	pullRequestTitle,
	type BlockedRequest,
	type PullRequestTask
} from './request-body.ts';
export type { PushProgress, PushResult } from './push-types.ts';

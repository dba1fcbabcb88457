export { issueUrl, parseIssueRef, repoOf, type IssueRef } from './issue-ref.ts';
export { issueDraft, wrapIssue, type IssueText } from './issue-draft.ts';
export { fetchIssue, MAX_COMMENTS } from './fetch-issue.ts';
export { listOpenIssues, searchIssues, type OpenIssue } from './open-issues.ts';

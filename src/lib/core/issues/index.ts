export { issueUrl, parseIssueRef, type IssueRef } from './issue-ref.ts';
export { issueDraft, wrapIssue, type IssueText } from './issue-draft.ts';

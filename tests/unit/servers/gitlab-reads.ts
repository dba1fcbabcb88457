// What Patchbay reads from each GitLab API v4 answer (src/lib/core/forge/gitlab/*.ts), as
// run-time shapes, one per endpoint the app calls. At compile time each shape agrees with
// @gitbeaker/core's published type for that answer, and the app's own response types with both;
// where they part, the exception is named with its reason.
import type {
	BranchSchema,
	CommitDiffSchema,
	CommitSchema,
	IssueNoteSchema,
	IssueSchema,
	MergeRequestSchema,
	PersonalAccessTokenSchema,
	ProjectSchema,
	RepositoryCompareSchema,
	RepositoryFileExpandedSchema,
	RepositoryTreeSchema,
	UserSchema
} from '@gitbeaker/core';
import type { BranchDiff } from '../../../src/lib/core/forge/gitlab/commit-actions.ts';
import type {
	GitLabBranch,
	GitLabCommit,
	GitLabMergeRequest,
	GitLabProject,
	ProjectApi
} from '../../../src/lib/core/forge/gitlab/project-api.ts';
import type { GitLabTreeEntry } from '../../../src/lib/core/forge/gitlab/tree-listing.ts';
import type { Agrees } from './agrees.ts';
import type { Endpoint } from './forge-answers.ts';
import * as s from './json-shape.ts';

const commit = s.object({
	id: s.sha,
	parent_ids: s.array(s.sha),
	message: s.string,
	web_url: s.string,
	tree_id: s.sha
});
// The branch's head commit as the baseline's commit info reads it (forge/gitlab/commit-info.ts).
const branchCommit = s.object({
	id: s.sha,
	message: s.string,
	author_name: s.string,
	author_email: s.string,
	authored_date: s.string,
	committer_name: s.string,
	committer_email: s.string,
	committed_date: s.string
});
const branch = s.object({ name: s.string, commit: branchCommit });
const project = s.object({
	id: s.integer,
	path_with_namespace: s.string,
	default_branch: s.nullable(s.string),
	visibility: s.oneOf('private', 'internal', 'public'),
	web_url: s.string
});
const diff = s.object({
	old_path: s.string,
	new_path: s.string,
	a_mode: s.string,
	b_mode: s.string,
	new_file: s.boolean,
	renamed_file: s.boolean,
	deleted_file: s.boolean
});
const compare = s.object({ diffs: s.array(diff) });
const file = s.object({ content: s.string, blob_id: s.sha, execute_filemode: s.boolean });
const treeEntry = s.object({
	id: s.sha,
	name: s.string,
	type: s.string,
	path: s.string,
	mode: s.string
});
const mergeRequest = s.object({
	iid: s.integer,
	web_url: s.string,
	title: s.string,
	description: s.nullable(s.string),
	source_branch: s.string,
	target_branch: s.string,
	state: s.string,
	draft: s.boolean
});
const user = s.object({ username: s.string });
const token = s.object({ scopes: s.array(s.string) });
// forge/gitlab/issue.ts reads these (its types are its own: author may be null there).
const issue = s.object({
	title: s.string,
	description: s.nullable(s.string),
	author: s.object({ username: s.string })
});
const note = s.object({
	body: s.string,
	author: s.object({ username: s.string }),
	system: s.boolean
});
/** What rest-client's messageOf and gitlab/errors.ts read: a message (GitLab sends a list for
 * some 409s), or OAuth's `error` with the missing `scope`. No published type covers it. */
export const error = s.either(
	s.object({ message: s.either(s.string, s.array(s.string)) }),
	s.object({ error: s.string, scope: s.string })
);

type I<S> = s.Infer<S>;
/** Compile-time agreements; `npm run check` fails on this array when one no longer holds. */
export const agreements = [
	// Each shape against the published type.
	true satisfies Agrees<I<typeof project>, ProjectSchema>,
	// gitbeaker marks the commit's `authored_date`, committer and `committed_date` optional;
	// GitLab's commit entity always sends them (its Branches and Commits docs).
	true satisfies Agrees<I<typeof branch>, BranchSchema, 'commit'>,
	// gitbeaker marks `parent_ids` optional (GitLab's commit entity always has it) and has no
	// `tree_id` (some hosts send it; the app uses it only where sent).
	true satisfies Agrees<I<typeof commit>, CommitSchema, 'parent_ids' | 'tree_id'>,
	// `diffs` is optional in the type; each diff is checked on its own.
	true satisfies Agrees<I<typeof compare>, RepositoryCompareSchema, 'diffs'>,
	// gitbeaker marks `a_mode` optional; GitLab's compare sends it for every diff (its docs),
	// and the app reads it only for files that existed before.
	true satisfies Agrees<I<typeof diff>, CommitDiffSchema, 'a_mode'>,
	// GitLab's docs list `execute_filemode` in this answer; the type is behind.
	true satisfies Agrees<I<typeof file>, RepositoryFileExpandedSchema, 'execute_filemode'>,
	true satisfies Agrees<I<typeof treeEntry>, RepositoryTreeSchema>,
	true satisfies Agrees<I<typeof mergeRequest>, MergeRequestSchema>,
	true satisfies Agrees<I<typeof user>, UserSchema>,
	// Optional in the type; the app treats a token answer without scopes as "scopes unknown".
	true satisfies Agrees<I<typeof token>, PersonalAccessTokenSchema, 'scopes'>,
	true satisfies Agrees<I<typeof issue>, IssueSchema>,
	true satisfies Agrees<I<typeof note>, IssueNoteSchema>,
	// The app's types against the shapes (every field it reads is checked at run time) ...
	true satisfies Agrees<GitLabProject, I<typeof project>>,
	true satisfies Agrees<GitLabBranch, I<typeof branch>>,
	true satisfies Agrees<GitLabCommit, I<typeof commit>>,
	true satisfies Agrees<Awaited<ReturnType<ProjectApi['compare']>>, I<typeof compare>>,
	true satisfies Agrees<GitLabMergeRequest, I<typeof mergeRequest>>,
	// The app narrows `type` to GitLab's three kinds; anything else is judged by its mode.
	true satisfies Agrees<GitLabTreeEntry, I<typeof treeEntry>, 'type'>,
	// ... and against the published types directly, with the same exceptions.
	true satisfies Agrees<GitLabProject, ProjectSchema>,
	true satisfies Agrees<GitLabBranch, BranchSchema>,
	true satisfies Agrees<GitLabCommit, CommitSchema, 'parent_ids' | 'tree_id'>,
	true satisfies Agrees<BranchDiff, CommitDiffSchema, 'a_mode'>,
	true satisfies Agrees<GitLabMergeRequest, MergeRequestSchema>,
	true satisfies Agrees<GitLabTreeEntry, RepositoryTreeSchema, 'type'>
];

const project$ = String.raw`^/projects/[^/]+`;
const at = (rest: string) => new RegExp(`${project$}${rest}$`);
export const endpoints: Endpoint[] = [
	{ name: 'project', method: 'GET', path: at(''), shape: project },
	{ name: 'branches', method: 'GET', path: at('/repository/branches'), shape: s.array(branch) },
	{ name: 'branch', method: 'GET', path: at('/repository/branches/[^/]+'), shape: branch },
	{ name: 'commit', method: 'GET', path: at('/repository/commits/[^/]+'), shape: commit },
	{ name: 'create commit', method: 'POST', path: at('/repository/commits'), shape: commit },
	{ name: 'compare', method: 'GET', path: at('/repository/compare'), shape: compare },
	{ name: 'file', method: 'GET', path: at('/repository/files/[^/]+'), shape: file },
	{ name: 'tree', method: 'GET', path: at('/repository/tree'), shape: s.array(treeEntry) },
	{ name: 'raw blob', method: 'GET', path: at('/repository/blobs/[0-9a-f]+/raw'), shape: 'bytes' },
	{ name: 'archive', method: 'GET', path: at('/repository/archive[.a-z]*'), shape: 'bytes' },
	{
		name: 'merge requests',
		method: 'GET',
		path: at('/merge_requests'),
		shape: s.array(mergeRequest)
	},
	{ name: 'open MR', method: 'POST', path: at('/merge_requests'), shape: mergeRequest },
	{ name: 'update MR', method: 'PUT', path: at('/merge_requests/\\d+'), shape: mergeRequest },
	{ name: 'user', method: 'GET', path: /^\/user$/, shape: user },
	{ name: 'token', method: 'GET', path: /^\/personal_access_tokens\/self$/, shape: token },
	{ name: 'issue', method: 'GET', path: at('/issues/\\d+'), shape: issue },
	{ name: 'notes', method: 'GET', path: at('/issues/\\d+/notes'), shape: s.array(note) }
];

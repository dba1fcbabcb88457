// The GitLab peer's JSON bodies, typed against @gitbeaker/core (the maintained TypeScript client
// of GitLab's API v4; GitLab publishes no OpenAPI description on npm that covers these endpoints).
// The routes write each body `satisfies` one of these, so a field renamed, mistyped or dropped
// fails `npm run check`; tests/unit/servers/gitlab-shapes.test.ts checks what they answer.
import type {
	BranchSchema,
	CommitDiffSchema,
	CommitSchema,
	CondensedNamespaceSchema,
	IssueNoteSchema,
	IssueSchema,
	MergeRequestSchema,
	MetadataSchema,
	PersonalAccessTokenSchema,
	ProjectSchema,
	RepositoryCompareSchema,
	RepositoryFileExpandedSchema,
	RepositoryTreeSchema,
	SimpleUserSchema,
	UserSchema
} from '@gitbeaker/core';
import type { Sends } from '../published-shape.ts';

/** `Commits.show` / `Commits.create` (GET|POST /repository/commits…): CommitSchema. */
export type CommitReply = Sends<
	CommitSchema,
	| 'id'
	| 'short_id'
	| 'parent_ids'
	| 'title'
	| 'message'
	| 'author_name'
	| 'author_email'
	| 'authored_date'
	| 'committer_name'
	| 'committer_email'
	| 'committed_date'
	| 'created_at'
	| 'web_url',
	{
		/** The commit's root tree. gitbeaker's type (and GitLab's documented shape) lacks it; some
		 * hosts send it, and Patchbay checks a snapshot's root against it where sent. */
		tree_id: string;
	}
>;

/** `Projects.show` (GET /projects/:id): ProjectSchema. */
export type ProjectReply = Sends<
	ProjectSchema,
	| 'id'
	| 'name'
	| 'path'
	| 'path_with_namespace'
	| 'visibility'
	| 'web_url'
	| 'http_url_to_repo'
	| 'empty_repo'
	| 'archived',
	{
		namespace: Sends<CondensedNamespaceSchema, 'full_path'>;
		/** The type says string; GitLab sends null for a project with no commits (its docs'
		 * "empty_repo" example), so the type is behind here. */
		default_branch: ProjectSchema['default_branch'] | null;
	}
>;

/** `Branches.all` / `Branches.show` (GET /repository/branches[/:name]): BranchSchema. */
export type BranchReply = Sends<
	BranchSchema,
	| 'name'
	| 'merged'
	| 'protected'
	| 'default'
	| 'developers_can_push'
	| 'developers_can_merge'
	| 'can_push'
	| 'web_url',
	{
		/** The type omits `web_url` and `created_at` from a branch's commit; GitLab's Branches
		 * docs show both (the same commit entity as GET /repository/commits/:sha), so the type is
		 * behind. */
		commit: CommitReply;
	}
>;

/** One entry of `Repositories.allRepositoryTrees` (GET /repository/tree): RepositoryTreeSchema. */
export type TreeEntryReply = Sends<RepositoryTreeSchema, 'id' | 'name' | 'type' | 'path' | 'mode'>;

/** One entry of `diffs` in a compare: CommitDiffSchema. */
export type DiffReply = Sends<
	CommitDiffSchema,
	| 'old_path'
	| 'new_path'
	| 'a_mode'
	| 'b_mode'
	| 'new_file'
	| 'renamed_file'
	| 'deleted_file'
	| 'diff'
>;

/** `Repositories.compare` (GET /repository/compare): RepositoryCompareSchema. */
export type CompareReply = Sends<
	RepositoryCompareSchema,
	'compare_timeout' | 'compare_same_ref',
	{
		/** The type says the commit has no `message` (and names only a few fields); GitLab sends
		 * its whole commit entity here, as for GET /repository/commits/:sha. */
		commit: CommitReply;
		commits: CommitReply[];
		diffs: DiffReply[];
	}
>;

/** `RepositoryFiles.show` (GET /repository/files/:path): RepositoryFileExpandedSchema. */
export type FileReply = Sends<
	RepositoryFileExpandedSchema,
	| 'file_name'
	| 'file_path'
	| 'size'
	| 'encoding'
	| 'content'
	| 'ref'
	| 'blob_id'
	| 'commit_id'
	| 'last_commit_id',
	{
		/** The file's exec bit. GitLab's Repository files docs list it in this answer; the type is
		 * behind (Patchbay reads it to keep modes on a rebase). */
		execute_filemode: boolean;
	}
>;

/** `MergeRequests.all|show|create|edit` (…/merge_requests[/:iid]): MergeRequestSchema. */
export type MergeRequestReply = Sends<
	MergeRequestSchema,
	| 'id'
	| 'iid'
	| 'project_id'
	| 'title'
	| 'description'
	| 'state'
	| 'source_branch'
	| 'target_branch'
	| 'draft'
	| 'work_in_progress'
	| 'web_url',
	{ author: Sends<SimpleUserSchema, 'username'> }
>;

/** A user as GitLab embeds one (an issue's or a note's author). */
export type AuthorReply = Sends<SimpleUserSchema, 'id' | 'username' | 'name' | 'state'>;

/** `Issues.show` (GET /projects/:id/issues/:iid): IssueSchema. */
export type IssueReply = Sends<
	IssueSchema,
	'id' | 'iid' | 'project_id' | 'title' | 'description' | 'state' | 'web_url',
	{ author: AuthorReply }
>;

/** One of `IssueNotes.all` (GET /projects/:id/issues/:iid/notes): IssueNoteSchema. */
export type NoteReply = Sends<
	IssueNoteSchema,
	'id' | 'body' | 'system' | 'noteable_type',
	{ author: AuthorReply }
>;

/** `Users.showCurrentUser` (GET /user): UserSchema. */
export type UserReply = Sends<UserSchema, 'id' | 'username' | 'name' | 'state'>;

/** `PersonalAccessTokens.show` (GET /personal_access_tokens/self). */
export type TokenReply = Sends<
	PersonalAccessTokenSchema,
	'id' | 'name' | 'active' | 'revoked' | 'scopes'
>;

/** `Metadata.show`'s older twin (GET /version): MetadataSchema. */
export type VersionReply = Sends<MetadataSchema, 'version' | 'revision'>;

// The Gitea peer's JSON bodies, typed per endpoint against both published descriptions of API v1:
// Gitea's swagger (v1.json) as gitea-js generates it, and Forgejo's (Codeberg runs Forgejo) as
// @llamaduck/forgejo-ts generates it. A body must fit both. The routes write each body
// `satisfies` one of these, so a field renamed, mistyped or dropped fails `npm run check`;
// tests/unit/servers/gitea-shapes.test.ts checks what they answer.
import type {
	ApiError,
	IssueGetCommentsResponses,
	IssueGetIssueResponses,
	RepoCreatePullRequestResponses,
	RepoEditPullRequestResponses,
	RepoGetBranchResponses,
	RepoGetResponses,
	RepoListBranchesResponses,
	RepoListPullRequestsResponses,
	UserGetCurrentResponses
} from '@llamaduck/forgejo-ts';
import type { Api, APIError } from 'gitea-js';
import type { Sends } from '../published-shape.ts';

type Gitea = Api<unknown>;
/** What a gitea-js operation answers (its 2xx body). */
type Answer<F> = F extends (...args: never[]) => Promise<{ data: infer D }> ? D : never;

/** GET /repos/{owner}/{repo} (`repoGet`). */
export type GiteaRepository = Answer<Gitea['repos']['repoGet']> & RepoGetResponses[200];
/** GET /repos/{owner}/{repo}/branches/{branch} (`repoGetBranch`); the list holds the same. */
export type GiteaBranch = Answer<Gitea['repos']['repoGetBranch']> &
	RepoGetBranchResponses[200] &
	RepoListBranchesResponses[200][number] &
	Answer<Gitea['repos']['repoListBranches']>[number];
/** POST /repos/{owner}/{repo}/pulls (201), PATCH …/pulls/{index} (201), GET …/pulls. */
export type GiteaPullRequest = Answer<Gitea['repos']['repoCreatePullRequest']> &
	Answer<Gitea['repos']['repoEditPullRequest']> &
	Answer<Gitea['repos']['repoListPullRequests']>[number] &
	RepoCreatePullRequestResponses[201] &
	RepoEditPullRequestResponses[201] &
	RepoListPullRequestsResponses[200][number];
/** GET /user (`userGetCurrent`). */
export type GiteaUser = Answer<Gitea['user']['userGetCurrent']> & UserGetCurrentResponses[200];
/** GET /repos/{owner}/{repo}/issues/{index} (`issueGetIssue`). */
export type GiteaIssue = Answer<Gitea['repos']['issueGetIssue']> & IssueGetIssueResponses[200];
/** One of GET /repos/{owner}/{repo}/issues/{index}/comments (`issueGetComments`). */
export type GiteaComment = Answer<Gitea['repos']['issueGetComments']>[number] &
	IssueGetCommentsResponses[200][number];
type Head = NonNullable<GiteaPullRequest['head']>;
type Owner = NonNullable<GiteaRepository['owner']>;
type Commit = NonNullable<GiteaBranch['commit']>;

export type RepositoryReply = Sends<
	GiteaRepository,
	'id' | 'name' | 'full_name' | 'private' | 'empty' | 'default_branch' | 'html_url' | 'clone_url',
	{ owner: Sends<Owner, 'login'> }
>;

export type BranchReply = Sends<GiteaBranch, 'name', { commit: Sends<Commit, 'id'> }>;

export type PullRequestReply = Sends<
	GiteaPullRequest,
	'id' | 'number' | 'html_url' | 'title' | 'body' | 'state',
	{ head: Sends<Head, 'ref' | 'label'>; base: Sends<Head, 'ref' | 'label'> }
>;

export type UserReply = Sends<
	GiteaUser,
	'id' | 'login',
	{
		/** Neither swagger lists it: Gitea's User adds `username` (a copy of `login`) when it
		 * writes JSON, for older clients, so the descriptions are behind here. */
		username: string;
	}
>;

export type IssueReply = Sends<
	GiteaIssue,
	'id' | 'number' | 'title' | 'body' | 'state' | 'html_url',
	{
		user: UserReply;
		/** Both types say a PullRequestMeta or nothing; Gitea writes null for an issue that is
		 * not a pull request (a nil pointer), so they are behind on its nullability. */
		pull_request: GiteaIssue['pull_request'] | null;
	}
>;

export type CommentReply = Sends<GiteaComment, 'id' | 'body', { user: UserReply }>;

type GiteaError = APIError & ApiError;
/** Gitea's error body (`APIError`; Forgejo's `ApiError`): a message, and the swagger's URL. */
export type ErrorReply = Sends<GiteaError, 'message'> & Partial<Sends<GiteaError, 'url'>>;

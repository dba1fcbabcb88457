// Repositories as GitHub describes them: `repository` (inside pull requests) and
// `full-repository` (GET /repos/{owner}/{repo}).
import type { components } from '@octokit/openapi-types';
import { permissionsFor } from './access.ts';
import type { Repo, Viewer } from './context.ts';
import type { RepoMeta } from './repos.ts';
import { epoch, nodeId, simpleUser, stableId } from './shapes-user.ts';

type Repository = components['schemas']['repository'];
type FullRepository = components['schemas']['full-repository'];

export const repoApiUrl = (base: string, repo: Repo): string =>
	`${base}/repos/${repo.owner}/${repo.name}`;

export const repoHtmlUrl = (base: string, repo: Repo): string =>
	`${base}/${repo.owner}/${repo.name}`;

function hypermedia(base: string, repo: Repo) {
	const url = repoApiUrl(base, repo);
	const host = new URL(base).host;
	const fullName = `${repo.owner}/${repo.name}`;
	return {
		url,
		archive_url: `${url}/{archive_format}{/ref}`,
		assignees_url: `${url}/assignees{/user}`,
		blobs_url: `${url}/git/blobs{/sha}`,
		branches_url: `${url}/branches{/branch}`,
		collaborators_url: `${url}/collaborators{/collaborator}`,
		comments_url: `${url}/comments{/number}`,
		commits_url: `${url}/commits{/sha}`,
		compare_url: `${url}/compare/{base}...{head}`,
		contents_url: `${url}/contents/{+path}`,
		contributors_url: `${url}/contributors`,
		deployments_url: `${url}/deployments`,
		downloads_url: `${url}/downloads`,
		events_url: `${url}/events`,
		forks_url: `${url}/forks`,
		git_commits_url: `${url}/git/commits{/sha}`,
		git_refs_url: `${url}/git/refs{/sha}`,
		git_tags_url: `${url}/git/tags{/sha}`,
		git_url: `git://${host}/${fullName}.git`,
		hooks_url: `${url}/hooks`,
		issue_comment_url: `${url}/issues/comments{/number}`,
		issue_events_url: `${url}/issues/events{/number}`,
		issues_url: `${url}/issues{/number}`,
		keys_url: `${url}/keys{/key_id}`,
		labels_url: `${url}/labels{/name}`,
		languages_url: `${url}/languages`,
		merges_url: `${url}/merges`,
		milestones_url: `${url}/milestones{/number}`,
		notifications_url: `${url}/notifications{?since,all,participating}`,
		pulls_url: `${url}/pulls{/number}`,
		releases_url: `${url}/releases{/id}`,
		ssh_url: `git@${host}:${fullName}.git`,
		stargazers_url: `${url}/stargazers`,
		statuses_url: `${url}/statuses/{sha}`,
		subscribers_url: `${url}/subscribers`,
		subscription_url: `${url}/subscription`,
		tags_url: `${url}/tags`,
		teams_url: `${url}/teams`,
		trees_url: `${url}/git/trees{/sha}`
	};
}

export type RepoFacts = { meta: RepoMeta; openPulls: number; viewer: Viewer | null };

// Left to inference so that both shapes below check it against their own schema.
function repositoryCore(base: string, repo: Repo, facts: RepoFacts) {
	const fullName = `${repo.owner}/${repo.name}`;
	const htmlUrl = repoHtmlUrl(base, repo);
	const isPrivate = repo.options.private ?? false;
	const permissions = permissionsFor(facts.viewer, repo);
	return {
		id: stableId(`repo:${fullName}`),
		node_id: nodeId('Repository', fullName),
		name: repo.name,
		full_name: fullName,
		owner: simpleUser(base, repo.owner),
		private: isPrivate,
		html_url: htmlUrl,
		description: null,
		fork: false,
		...hypermedia(base, repo),
		clone_url: `${htmlUrl}.git`,
		svn_url: htmlUrl,
		mirror_url: null,
		homepage: null,
		language: null,
		forks: 0,
		forks_count: 0,
		stargazers_count: 0,
		watchers: 0,
		watchers_count: 0,
		size: facts.meta.sizeKb,
		default_branch: facts.meta.defaultBranch,
		open_issues: facts.openPulls,
		open_issues_count: facts.openPulls,
		is_template: false,
		topics: [],
		has_issues: true,
		has_projects: false,
		has_wiki: false,
		has_pages: false,
		has_downloads: true,
		archived: repo.options.archived ?? false,
		disabled: false,
		visibility: isPrivate ? 'private' : 'public',
		license: null,
		pushed_at: facts.meta.pushedAt,
		created_at: epoch,
		updated_at: facts.meta.pushedAt,
		...(permissions ? { permissions } : {})
	};
}

export function repositoryShape(base: string, repo: Repo, facts: RepoFacts): Repository {
	return repositoryCore(base, repo, facts);
}

export function fullRepositoryShape(base: string, repo: Repo, facts: RepoFacts): FullRepository {
	return {
		...repositoryCore(base, repo, facts),
		has_discussions: false,
		network_count: 0,
		subscribers_count: 0,
		allow_forking: true,
		allow_merge_commit: true,
		allow_squash_merge: true,
		allow_rebase_merge: true,
		allow_auto_merge: false,
		delete_branch_on_merge: false,
		web_commit_signoff_required: false,
		temp_clone_token: null
	};
}

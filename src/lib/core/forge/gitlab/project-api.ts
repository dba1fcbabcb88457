// The GitLab v4 calls one project needs, each a thin typed wrapper (the peer in
// tests/servers/gitlab answers the same shapes).
import { fromBase64 } from '../../github/base64.ts';
import { ForgeHttpError, type RestClient } from '../rest-client.ts';
import type { BranchDiff, CommitAction } from './commit-actions.ts';
import type { GitLabTreeEntry } from './tree-listing.ts';

export type GitLabProject = {
	id: number;
	path_with_namespace: string;
	default_branch: string | null;
	visibility: 'private' | 'internal' | 'public';
	web_url: string;
};

/** The head commit a branch answer carries: what the baseline's commit info is made of. */
export type GitLabBranchCommit = {
	id: string;
	/** The whole message as the commit stores it (a final newline kept, or its lack). */
	message: string;
	author_name?: string;
	author_email?: string;
	/** ISO 8601 in the author's own zone, e.g. `2012-09-20T09:06:12.000+03:00`. */
	authored_date?: string;
	committer_name?: string;
	committer_email?: string;
	committed_date?: string;
};

export type GitLabBranch = { name: string; commit: GitLabBranchCommit };

export type GitLabCommit = {
	id: string;
	parent_ids: string[];
	message: string;
	web_url: string;
	/** Sent by some hosts (the documented shape has none): the commit's root tree. */
	tree_id?: string;
};

export type GitLabMergeRequest = {
	iid: number;
	web_url: string;
	title: string;
	description: string | null;
	source_branch: string;
	target_branch: string;
	state: string;
	draft?: boolean;
};

const enc = encodeURIComponent;

export type ProjectApi = ReturnType<typeof projectApi>;

export function projectApi(client: RestClient, project: string, signal?: AbortSignal) {
	const base = `/projects/${enc(project)}`;
	const get = <T>(path: string) => client.get<T>(`${base}${path}`, signal);
	const send = async <T>(method: string, path: string, body: unknown) =>
		(await client.request<T>(method, `${base}${path}`, { body, signal })).data;
	/** The branch's head commit, whole (people, zoned dates, message); null: no such branch. */
	const branchCommit = async (branch: string): Promise<GitLabBranchCommit | null> => {
		try {
			return (await get<GitLabBranch>(`/repository/branches/${enc(branch)}`)).commit;
		} catch (error) {
			if (error instanceof ForgeHttpError && error.status === 404) return null;
			throw error;
		}
	};
	return {
		/** Where `repository/…` lives, absolute (a raw blob is fetched from under it). */
		projectUrl: `${client.apiBase}${base}`,
		project: () => get<GitLabProject>(''),
		/** One page of a tree listing (`path` under the project, query included), with headers. */
		treePage: (path: string) =>
			client.request<GitLabTreeEntry[]>('GET', `${base}${path}`, { signal }),
		/** One page of branches (`search` narrows: `^name` for names starting so). */
		branches: (page: number, search?: string) =>
			get<GitLabBranch[]>(
				`/repository/branches?per_page=100&page=${page}${search ? `&search=${enc(search)}` : ''}`
			),
		branchHead: async (branch: string) => (await branchCommit(branch))?.id ?? null,
		branchCommit,
		commit: (sha: string) => get<GitLabCommit>(`/repository/commits/${enc(sha)}`),
		compare: (from: string, to: string) =>
			get<{ diffs: BranchDiff[] }>(
				`/repository/compare?from=${enc(from)}&to=${enc(to)}&straight=true`
			),
		/** A file's bytes, blob id and exec bit at `ref` (null when it has none there). */
		async file(
			path: string,
			ref: string
		): Promise<{ bytes: Uint8Array; blobId: string; executable: boolean } | null> {
			try {
				const file = await get<{ content: string; blob_id: string; execute_filemode?: boolean }>(
					`/repository/files/${enc(path)}?ref=${enc(ref)}`
				);
				return {
					bytes: fromBase64(file.content),
					blobId: file.blob_id,
					executable: file.execute_filemode === true
				};
			} catch (error) {
				if (error instanceof ForgeHttpError && error.status === 404) return null;
				throw error;
			}
		},
		createCommit: (body: {
			branch: string;
			commit_message: string;
			actions: CommitAction[];
			start_sha?: string;
			/** With `start_sha`: the branch is written anew from it (not fast-forwarded). */
			force?: boolean;
		}) => send<GitLabCommit>('POST', '/repository/commits', body),
		openMergeRequests: (source: string, target: string) =>
			get<GitLabMergeRequest[]>(
				`/merge_requests?state=opened&source_branch=${enc(source)}&target_branch=${enc(target)}`
			),
		createMergeRequest: (body: Record<string, unknown>) =>
			send<GitLabMergeRequest>('POST', '/merge_requests', body),
		updateMergeRequest: (iid: number, body: Record<string, unknown>) =>
			send<GitLabMergeRequest>('PUT', `/merge_requests/${iid}`, body)
	};
}

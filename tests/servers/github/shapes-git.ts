// Git data as GitHub describes it: `git-ref`, `git-tree`, `blob`, `git-commit`.
import type { components } from '@octokit/openapi-types';
import type { CommitObject } from './commit-object.ts';
import type { Repo } from './context.ts';
import type { RefRecord, TreeEntry } from './git-objects.ts';
import { repoApiUrl, repoHtmlUrl } from './shapes-repo.ts';
import { nodeId } from './shapes-user.ts';

type GitRef = components['schemas']['git-ref'];
type GitTree = components['schemas']['git-tree'];
type Blob = components['schemas']['blob'];
type GitCommit = components['schemas']['git-commit'];

/** Base64 the way GitHub sends it: 60-character lines, each ending in a newline. */
export function base64Lines(bytes: Buffer): string {
	const text = bytes.toString('base64');
	let lines = '';
	for (let at = 0; at < text.length; at += 60) lines += text.slice(at, at + 60) + '\n';
	return lines;
}

export function refShape(base: string, repo: Repo, record: RefRecord): GitRef {
	const api = repoApiUrl(base, repo);
	const collection = record.type === 'tag' ? 'tags' : 'commits';
	return {
		ref: record.ref,
		node_id: nodeId('Ref', `${repo.owner}/${repo.name}:${record.ref}`),
		url: `${api}/git/${record.ref}`,
		object: { type: record.type, sha: record.sha, url: `${api}/git/${collection}/${record.sha}` }
	};
}

export function blobShape(base: string, repo: Repo, sha: string, bytes: Buffer): Blob {
	return {
		sha,
		node_id: nodeId('Blob', `${repo.owner}/${repo.name}:${sha}`),
		size: bytes.length,
		url: `${repoApiUrl(base, repo)}/git/blobs/${sha}`,
		content: base64Lines(bytes),
		encoding: 'base64'
	};
}

function treeEntryShape(base: string, repo: Repo, entry: TreeEntry): GitTree['tree'][number] {
	const api = repoApiUrl(base, repo);
	const shape: GitTree['tree'][number] = {
		path: entry.path,
		mode: entry.mode,
		type: entry.type,
		sha: entry.sha
	};
	if (entry.size !== null) shape.size = entry.size;
	// Submodule entries point at another repository's commit, so GitHub gives them no URL.
	if (entry.type === 'blob') shape.url = `${api}/git/blobs/${entry.sha}`;
	if (entry.type === 'tree') shape.url = `${api}/git/trees/${entry.sha}`;
	return shape;
}

export function treeShape(
	base: string,
	repo: Repo,
	sha: string,
	entries: TreeEntry[],
	truncated: boolean
): GitTree {
	return {
		sha,
		url: `${repoApiUrl(base, repo)}/git/trees/${sha}`,
		tree: entries.map((entry) => treeEntryShape(base, repo, entry)),
		truncated
	};
}

export function commitShape(base: string, repo: Repo, commit: CommitObject): GitCommit {
	const api = repoApiUrl(base, repo);
	const html = repoHtmlUrl(base, repo);
	return {
		sha: commit.sha,
		node_id: nodeId('Commit', `${repo.owner}/${repo.name}:${commit.sha}`),
		url: `${api}/git/commits/${commit.sha}`,
		html_url: `${html}/commit/${commit.sha}`,
		author: commit.author,
		committer: commit.committer,
		message: commit.message,
		tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
		parents: commit.parents.map((sha) => ({
			sha,
			url: `${api}/git/commits/${sha}`,
			html_url: `${html}/commit/${sha}`
		})),
		verification: {
			verified: false,
			reason: 'unsigned',
			signature: null,
			payload: null,
			verified_at: null
		}
	};
}

// GET /repos/{o}/{r}/contents/{path}?ref= and the raw.githubusercontent.com stand-in
// GET /raw/{o}/{r}/{ref}/{path}.
import { posix } from 'node:path';
import type { components } from '@octokit/openapi-types';
import type { Repo, RepoContext, Reply } from './context.ts';
import { ApiError, notFound } from './errors.ts';
import { runGit } from './git-cli.ts';
import { defaultBranch, lsTree, readBlob, resolveRevision, type TreeEntry } from './git-objects.ts';
import { base64Lines } from './shapes-git.ts';
import { repoApiUrl, repoHtmlUrl } from './shapes-repo.ts';

type DirectoryItem = components['schemas']['content-directory'][number];

const encodePath = (path: string): string => path.split('/').map(encodeURIComponent).join('/');

function itemShape(
	base: string,
	repo: Repo,
	ref: string,
	entry: TreeEntry,
	type: DirectoryItem['type']
) {
	const api = repoApiUrl(base, repo);
	const path = encodePath(entry.path);
	const url = `${api}/contents/${path}?ref=${encodeURIComponent(ref)}`;
	const gitUrl = `${api}/git/${entry.type === 'tree' ? 'trees' : 'blobs'}/${entry.sha}`;
	const htmlUrl = `${repoHtmlUrl(base, repo)}/${entry.type === 'tree' ? 'tree' : 'blob'}/${ref}/${path}`;
	const isFile = entry.type === 'blob';
	return {
		type,
		size: entry.size ?? 0,
		name: posix.basename(entry.path),
		path: entry.path,
		sha: entry.sha,
		url,
		git_url: entry.type === 'commit' ? null : gitUrl,
		html_url: entry.type === 'commit' ? null : htmlUrl,
		download_url: isFile ? `${base}/raw/${repo.owner}/${repo.name}/${ref}/${path}` : null,
		_links: {
			self: url,
			git: entry.type === 'commit' ? null : gitUrl,
			html: entry.type === 'commit' ? null : htmlUrl
		}
	};
}

function listingType(entry: TreeEntry): DirectoryItem['type'] {
	if (entry.type === 'tree') return 'dir';
	// GitHub: "submodules have their type specified as file ... for backwards compatibility".
	if (entry.type === 'commit') return 'file';
	return entry.mode === '120000' ? 'symlink' : 'file';
}

async function entryAt(gitDir: string, commit: string, path: string): Promise<TreeEntry | null> {
	const [entry] = await lsTree(gitDir, commit, { path });
	return entry?.path === path ? entry : null;
}

/** GitHub answers a symlink to a regular file in the repo with that file. */
async function followSymlink(
	gitDir: string,
	commit: string,
	link: TreeEntry
): Promise<TreeEntry | null> {
	const target = (await readBlob(gitDir, link.sha)).toString('utf8');
	const path = posix.normalize(posix.join(posix.dirname(link.path), target));
	if (posix.isAbsolute(target) || path.startsWith('..')) return null;
	const entry = await entryAt(gitDir, commit, path);
	return entry?.type === 'blob' && entry.mode !== '120000' ? entry : null;
}

/** The url `.gitmodules` gives the submodule at `path`. */
async function submoduleUrl(gitDir: string, commit: string, path: string): Promise<string> {
	const config = ['config', '--blob', `${commit}:.gitmodules`];
	const paths = await runGit(gitDir, [...config, '--get-regexp', '^submodule\\..*\\.path$']);
	for (const line of paths.stdout.toString('utf8').split('\n')) {
		const space = line.indexOf(' ');
		if (line.slice(space + 1) !== path) continue;
		const key = line.slice(0, space).replace(/\.path$/, '.url');
		return (await runGit(gitDir, [...config, '--get', key])).stdout.toString('utf8').trim();
	}
	return '';
}

async function describe(
	ctx: RepoContext,
	commit: string,
	ref: string,
	entry: TreeEntry
): Promise<unknown> {
	const { base, repo } = ctx;
	if (entry.type === 'tree') {
		const children = await lsTree(repo.gitDir, entry.sha);
		return children.map((child) => {
			const withPath = { ...child, path: entry.path ? `${entry.path}/${child.path}` : child.path };
			return itemShape(base, repo, ref, withPath, listingType(child));
		});
	}
	if (entry.type === 'commit') {
		const url = await submoduleUrl(repo.gitDir, commit, entry.path);
		return { ...itemShape(base, repo, ref, entry, 'submodule'), submodule_git_url: url };
	}
	const file = entry.mode === '120000' ? await followSymlink(repo.gitDir, commit, entry) : entry;
	if (!file) {
		const target = (await readBlob(repo.gitDir, entry.sha)).toString('utf8');
		return { ...itemShape(base, repo, ref, entry, 'symlink'), target };
	}
	const content = base64Lines(await readBlob(repo.gitDir, file.sha));
	return { ...itemShape(base, repo, ref, file, 'file'), content, encoding: 'base64' };
}

export async function getContents(ctx: RepoContext): Promise<Reply> {
	const { gitDir } = ctx.repo;
	const ref = ctx.query.get('ref') || (await defaultBranch(gitDir));
	const commit = await resolveRevision(gitDir, ref, 'commit');
	if (!commit) throw new ApiError(404, `No commit found for the ref ${ref}`);
	const path = (ctx.params.path ?? '').replace(/^\/+|\/+$/g, '');
	const entry: TreeEntry | null = path
		? await entryAt(gitDir, commit, path)
		: { mode: '040000', type: 'tree', sha: commit, size: null, path: '' };
	if (!entry) throw notFound();
	return { status: 200, json: await describe(ctx, commit, ref, entry) };
}

/** `{ref}/{path}` where the ref may itself contain slashes: the shortest ref that resolves wins. */
export async function getRaw(ctx: RepoContext): Promise<Reply> {
	const { gitDir } = ctx.repo;
	const names = (ctx.params.rest ?? '').split('/');
	for (let split = 1; split < names.length; split++) {
		const commit = await resolveRevision(gitDir, names.slice(0, split).join('/'), 'commit');
		if (!commit) continue;
		const entry = await entryAt(gitDir, commit, names.slice(split).join('/'));
		if (entry?.type !== 'blob') continue;
		const bytes = await readBlob(gitDir, entry.sha);
		// raw.githubusercontent.com serves every file as text/plain.
		return { status: 200, bytes, headers: { 'content-type': 'text/plain; charset=utf-8' } };
	}
	throw notFound();
}

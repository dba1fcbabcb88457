// GET trees, blobs and commits by sha.
import type { RepoContext, Reply } from './context.ts';
import { readCommit } from './commit-object.ts';
import { notFound } from './errors.ts';
import { lsTree, objectType, readBlob, resolveRevision, shaPattern } from './git-objects.ts';
import { blobShape, commitShape, treeShape } from './shapes-git.ts';

/** `tree_sha` may be a tree, a commit or a ref name; GitHub peels it to the tree. */
export async function getTree(ctx: RepoContext): Promise<Reply> {
	const { gitDir, options } = ctx.repo;
	const sha = await resolveRevision(gitDir, ctx.params.sha ?? '', 'tree');
	if (!sha) throw notFound();
	// GitHub: "Setting this parameter to any value returns the objects or subtrees".
	const recursive = ctx.query.has('recursive');
	const entries = await lsTree(gitDir, sha, { recursive });
	const limit = options.treeTruncateLimit;
	const truncated = recursive && limit !== undefined && entries.length > limit;
	const shown = truncated ? entries.slice(0, limit) : entries;
	return { status: 200, json: treeShape(ctx.base, ctx.repo, sha, shown, truncated) };
}

async function objectOfType(ctx: RepoContext, type: string): Promise<string> {
	const sha = ctx.params.sha ?? '';
	if (!shaPattern.test(sha) || (await objectType(ctx.repo.gitDir, sha)) !== type) throw notFound();
	return sha;
}

export async function getBlob(ctx: RepoContext): Promise<Reply> {
	const sha = await objectOfType(ctx, 'blob');
	const bytes = await readBlob(ctx.repo.gitDir, sha);
	return { status: 200, json: blobShape(ctx.base, ctx.repo, sha, bytes) };
}

export async function getCommit(ctx: RepoContext): Promise<Reply> {
	const sha = await objectOfType(ctx, 'commit');
	const commit = await readCommit(ctx.repo.gitDir, sha);
	return { status: 200, json: commitShape(ctx.base, ctx.repo, commit) };
}

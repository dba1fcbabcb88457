// POST blobs, trees and commits: each writes real git objects into the bare repository.
import type { RepoContext, Reply } from './context.ts';
import {
	asFields,
	optionalArray,
	optionalObject,
	optionalString,
	requiredString,
	type Fields
} from './body.ts';
import { gitDate, readCommit, writeCommit } from './commit-object.ts';
import { unprocessable } from './errors.ts';
import { lsTree, objectTypes, writeBlob } from './git-objects.ts';
import { commitShape, treeShape } from './shapes-git.ts';
import { repoApiUrl } from './shapes-repo.ts';
import { noreplyEmail } from './shapes-user.ts';
import { applyTreeEdits } from './tree-edit.ts';
import { readTreeRequest } from './tree-request.ts';

export async function createBlob(ctx: RepoContext): Promise<Reply> {
	const fields = asFields(await ctx.body());
	const content = requiredString(fields, 'content');
	const encoding = optionalString(fields, 'encoding') ?? 'utf-8';
	if (encoding !== 'utf-8' && encoding !== 'base64') {
		throw unprocessable(`encoding must be "utf-8" or "base64", not ${JSON.stringify(encoding)}`);
	}
	const bytes = Buffer.from(content, encoding === 'base64' ? 'base64' : 'utf8');
	const sha = await writeBlob(ctx.repo.gitDir, bytes);
	const url = `${repoApiUrl(ctx.base, ctx.repo)}/git/blobs/${sha}`;
	return { status: 201, json: { sha, url }, headers: { location: url } };
}

export async function createTree(ctx: RepoContext): Promise<Reply> {
	const { gitDir } = ctx.repo;
	const request = await readTreeRequest(gitDir, await ctx.body());
	const sha = await applyTreeEdits(gitDir, request.baseTree, request.edits);
	const json = treeShape(ctx.base, ctx.repo, sha, await lsTree(gitDir, sha), false);
	return { status: 201, json, headers: json.url ? { location: json.url } : {} };
}

type GitIdentity = { name: string; email: string; date: string };

function readIdentity(fields: Fields | undefined, fallback: GitIdentity): GitIdentity {
	if (!fields) return fallback;
	const iso = optionalString(fields, 'date');
	const date = iso === undefined ? fallback.date : gitDate(iso);
	if (date === null) throw unprocessable(`${JSON.stringify(iso)} is not a valid date-time`);
	return { name: requiredString(fields, 'name'), email: requiredString(fields, 'email'), date };
}

export async function createCommit(ctx: RepoContext): Promise<Reply> {
	const fields = asFields(await ctx.body());
	const message = requiredString(fields, 'message');
	const tree = requiredString(fields, 'tree');
	const parents = optionalArray(fields, 'parents') ?? [];
	if (!parents.every((parent): parent is string => typeof parent === 'string')) {
		throw unprocessable('Parent SHA does not exist or is not a commit object');
	}
	const { gitDir } = ctx.repo;
	const types = await objectTypes(gitDir, [tree, ...parents]);
	if (types.get(tree) !== 'tree') throw unprocessable('Tree SHA does not exist');
	if (parents.some((parent) => types.get(parent) !== 'commit')) {
		throw unprocessable('Parent SHA does not exist or is not a commit object');
	}
	const login = ctx.viewer?.login ?? ctx.repo.owner;
	const now = gitDate(new Date().toISOString()) ?? '0 +0000';
	const viewer = { name: login, email: noreplyEmail(login), date: now };
	const author = readIdentity(optionalObject(fields, 'author'), viewer);
	// GitHub: "If the committer is omitted, the author will be used".
	const committer = readIdentity(optionalObject(fields, 'committer'), author);
	const sha = await writeCommit(gitDir, { tree, parents, message, author, committer });
	const json = commitShape(ctx.base, ctx.repo, await readCommit(gitDir, sha));
	return { status: 201, json, headers: { location: json.url } };
}

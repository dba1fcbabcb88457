// /projects/:id and its repository: branches, commits (read and the one-request write),
// compare, files. Each body `satisfies` a type in ./shapes.ts, typed against @gitbeaker/core's
// schemas for GitLab's API v4 (fields Patchbay reads and a few more a client would expect).
import { readCommit } from '../github/commit-object.ts';
import { git, gitText, runGit } from '../github/git-cli.ts';
import { defaultBranch, listRefs, lsTree, readBlob } from '../github/git-objects.ts';
import { applyCommit, type Action } from './apply-commit.ts';
import {
	assertCanRead,
	assertCanWrite,
	projectVisibility,
	type ProjectContext
} from './context.ts';
import { badRequest, forbidden, GitLabError, notFound } from './errors.ts';
import type {
	BranchReply,
	CommitReply,
	CompareReply,
	DiffReply,
	FileReply,
	ProjectReply
} from './shapes.ts';
import { isProtected } from './state.ts';

export type Reply = {
	status: number;
	json: unknown;
	headers?: Record<string, string>;
	/** Sent as they are instead of `json` (a blob's raw bytes). */
	bytes?: Buffer;
};

const ok = (json: unknown, status = 200, headers?: Record<string, string>): Reply => ({
	status,
	json,
	headers
});

/**
 * GitLab's commit entity: each date in its person's own zone with milliseconds
 * (`2012-09-20T09:06:12.000+03:00`, Rails' JSON time), and `message` the message exactly as the
 * commit stores it (read from the object: `%B` through a trimmed output would drop a final
 * newline GitLab keeps).
 */
async function commitJson(ctx: ProjectContext, sha: string): Promise<CommitReply> {
	const format = '%H%x00%T%x00%P%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI';
	const out = await gitText(ctx.project.gitDir, ['show', '-s', `--format=${format}`, sha, '--']);
	const [id = '', tree = '', parents = '', an = '', ae = '', aI = '', cn = '', ce = '', cI = ''] =
		out.split('\0');
	const withMillis = (iso: string) => iso.replace(/([+-]\d\d:\d\d|Z)$/, '.000$1');
	const ad = withMillis(aI);
	const cd = withMillis(cI);
	const { message } = await readCommit(ctx.project.gitDir, id);
	return {
		id,
		short_id: id.slice(0, 8),
		tree_id: tree,
		parent_ids: parents ? parents.split(' ') : [],
		title: message.split('\n')[0]!,
		message,
		author_name: an,
		author_email: ae,
		authored_date: ad,
		committer_name: cn,
		committer_email: ce,
		committed_date: cd,
		created_at: cd,
		web_url: `${ctx.state.url}/${ctx.project.path}/-/commit/${id}`
	} satisfies CommitReply;
}

async function resolve(ctx: ProjectContext, ref: string): Promise<string | null> {
	if (!ref || ref.startsWith('-')) return null;
	const result = await runGit(ctx.project.gitDir, [
		'rev-parse',
		'--verify',
		'--quiet',
		`${ref}^{commit}`
	]);
	return result.code === 0 ? result.stdout.toString('utf8').trim() : null;
}

async function branches(ctx: ProjectContext) {
	const main = await defaultBranch(ctx.project.gitDir);
	return (await listRefs(ctx.project.gitDir))
		.filter((r) => r.ref.startsWith('refs/heads/'))
		.map((r) => ({ name: r.ref.slice(11), sha: r.sha, isDefault: r.ref.slice(11) === main }));
}

async function branchJson(
	ctx: ProjectContext,
	b: { name: string; sha: string; isDefault: boolean }
) {
	return {
		name: b.name,
		merged: false,
		protected: b.isDefault || isProtected(ctx.state, ctx.project.path, b.name),
		default: b.isDefault,
		developers_can_push: !b.isDefault,
		developers_can_merge: false,
		can_push: true,
		web_url: `${ctx.state.url}/${ctx.project.path}/-/tree/${b.name}`,
		commit: await commitJson(ctx, b.sha)
	} satisfies BranchReply;
}

function page<T>(ctx: ProjectContext, all: T[]): Reply {
	const perPage = Math.min(Number(ctx.query.get('per_page') ?? 20) || 20, 100);
	const at = Math.max(Number(ctx.query.get('page') ?? 1) || 1, 1);
	const items = all.slice((at - 1) * perPage, at * perPage);
	const next = at * perPage < all.length ? String(at + 1) : '';
	return ok(items, 200, {
		'X-Page': String(at),
		'X-Per-Page': String(perPage),
		'X-Next-Page': next,
		'X-Total': String(all.length)
	});
}

export async function getProject(ctx: ProjectContext): Promise<Reply> {
	await assertCanRead(ctx);
	const { path, id } = ctx.project;
	const hasCommits = (await branches(ctx)).length > 0;
	return ok({
		id,
		name: path.split('/').at(-1)!,
		path: path.split('/').at(-1)!,
		path_with_namespace: path,
		namespace: { full_path: path.split('/').slice(0, -1).join('/') },
		default_branch: hasCommits ? await defaultBranch(ctx.project.gitDir) : null,
		visibility: await projectVisibility(ctx.project),
		web_url: `${ctx.state.url}/${path}`,
		http_url_to_repo: `${ctx.state.url}/${path}.git`,
		empty_repo: !hasCommits,
		archived: false
	} satisfies ProjectReply);
}

export async function listBranches(ctx: ProjectContext): Promise<Reply> {
	await assertCanRead(ctx);
	const search = ctx.query.get('search') ?? '';
	const matches = (name: string) =>
		search.startsWith('^') ? name.startsWith(search.slice(1)) : name.includes(search);
	const all = (await branches(ctx))
		.filter((b) => matches(b.name))
		.sort((a, b) => a.name.localeCompare(b.name));
	const reply = page(ctx, all);
	return {
		...reply,
		json: await Promise.all((reply.json as typeof all).map((b) => branchJson(ctx, b)))
	};
}

export async function getBranch(ctx: ProjectContext, name: string): Promise<Reply> {
	await assertCanRead(ctx);
	const branch = (await branches(ctx)).find((b) => b.name === name);
	if (!branch) throw notFound('404 Branch Not Found');
	return ok(await branchJson(ctx, branch));
}

export async function getCommit(ctx: ProjectContext, ref: string): Promise<Reply> {
	await assertCanRead(ctx);
	const sha = await resolve(ctx, ref);
	if (!sha) throw notFound('404 Commit Not Found');
	return ok(await commitJson(ctx, sha));
}

export async function compare(ctx: ProjectContext): Promise<Reply> {
	await assertCanRead(ctx);
	const from = await resolve(ctx, ctx.query.get('from') ?? '');
	const to = await resolve(ctx, ctx.query.get('to') ?? '');
	if (!from || !to) throw notFound('404 Ref Not Found');
	const raw = (
		await git(ctx.project.gitDir, ['diff-tree', '-r', '-z', '-M', '--raw', from, to])
	).toString('utf8');
	const fields = raw.split('\0');
	const diffs: DiffReply[] = [];
	for (let i = 0; i + 1 < fields.length;) {
		const [aMode = '', bMode = '', , , status = ''] = fields[i]!.replace(/^:/, '').split(' ');
		const renamed = status.startsWith('R');
		const oldPath = fields[i + 1]!;
		const newPath = renamed ? fields[i + 2]! : oldPath;
		i += renamed ? 3 : 2;
		diffs.push({
			old_path: oldPath,
			new_path: newPath,
			a_mode: aMode === '000000' ? '0' : aMode,
			b_mode: bMode === '000000' ? '0' : bMode,
			new_file: status === 'A',
			renamed_file: renamed,
			deleted_file: status === 'D',
			diff: ''
		});
	}
	return ok({
		commit: await commitJson(ctx, to),
		commits: [],
		diffs,
		compare_timeout: false,
		compare_same_ref: from === to
	} satisfies CompareReply);
}

export async function getFile(ctx: ProjectContext, path: string): Promise<Reply> {
	await assertCanRead(ctx);
	const ref = ctx.query.get('ref') ?? '';
	const sha = await resolve(ctx, ref);
	if (!sha) throw notFound('404 Commit Not Found');
	const entry = (await lsTree(ctx.project.gitDir, sha, { path })).find((e) => e.path === path);
	if (!entry || entry.type !== 'blob') throw notFound('404 File Not Found');
	const bytes = await readBlob(ctx.project.gitDir, entry.sha);
	return ok({
		file_name: path.split('/').at(-1)!,
		file_path: path,
		size: bytes.length,
		encoding: 'base64',
		content: bytes.toString('base64'),
		ref,
		blob_id: entry.sha,
		commit_id: sha,
		last_commit_id: sha,
		execute_filemode: entry.mode === '100755'
	} satisfies FileReply);
}

export async function createCommit(ctx: ProjectContext): Promise<Reply> {
	await assertCanRead(ctx);
	const viewer = assertCanWrite(ctx);
	const {
		branch,
		commit_message: message,
		start_sha: startSha,
		start_branch: startBranch
	} = ctx.body;
	if (typeof branch !== 'string' || !branch) throw badRequest('branch is missing');
	if (typeof message !== 'string' || !message) throw badRequest('commit_message is missing');
	if (isProtected(ctx.state, ctx.project.path, branch)) {
		throw forbidden('403 Forbidden - You are not allowed to push into this branch');
	}
	const ref = `refs/heads/${branch}`;
	const head = await resolve(ctx, ref);
	const start =
		typeof startSha === 'string' ? startSha : typeof startBranch === 'string' ? startBranch : null;
	const force = ctx.body.force === true;
	if (head && start && !force) {
		throw badRequest(
			`A branch called '${branch}' already exists. Switch to that branch in order to make changes`
		);
	}
	const parent =
		force && start
			? await resolve(ctx, start)
			: (head ?? (start ? await resolve(ctx, start) : null));
	if (!parent) throw badRequest('You can only create or edit files when you are on a branch');
	const sha = await applyCommit(ctx.project.gitDir, parent, {
		branch,
		commit_message: message,
		actions: ctx.body.actions as Action[],
		author: { name: viewer.username, email: `${viewer.username}@example.com` }
	});
	const moved = await runGit(ctx.project.gitDir, ['update-ref', ref, sha, head ?? '0'.repeat(40)]);
	if (moved.code !== 0) throw new GitLabError(409, { message: 'Could not update branch' });
	return ok(await commitJson(ctx, sha), 201);
}

// Merge requests, kept in memory per project: list (filtered as GitLab filters), create (one
// open request per source and target), update, and read. Bodies `satisfies` MergeRequestReply
// (./shapes.ts, typed against @gitbeaker/core's MergeRequestSchema).
import { runGit } from '../github/git-cli.ts';
import { assertCanRead, assertCanWrite, type ProjectContext } from './context.ts';
import { badRequest, GitLabError, notFound } from './errors.ts';
import type { MergeRequestReply } from './shapes.ts';
import type { MergeRequest } from './state.ts';
import type { Reply } from './routes-repository.ts';

function requests(ctx: ProjectContext): MergeRequest[] {
	let list = ctx.state.mergeRequests.get(ctx.project.path);
	if (!list) ctx.state.mergeRequests.set(ctx.project.path, (list = []));
	return list;
}

function json(ctx: ProjectContext, mr: MergeRequest) {
	return {
		id: ctx.project.id * 1000 + mr.iid,
		iid: mr.iid,
		project_id: ctx.project.id,
		title: mr.title,
		description: mr.description,
		state: mr.state,
		source_branch: mr.source_branch,
		target_branch: mr.target_branch,
		draft: /^(draft:|\[draft\]|\(draft\))/i.test(mr.title),
		work_in_progress: /^(draft:|\[draft\]|\(draft\))/i.test(mr.title),
		author: { username: mr.author },
		web_url: `${ctx.state.url}/${ctx.project.path}/-/merge_requests/${mr.iid}`
	} satisfies MergeRequestReply;
}

const hasBranch = async (ctx: ProjectContext, name: string) =>
	(await runGit(ctx.project.gitDir, ['rev-parse', '--verify', '--quiet', `refs/heads/${name}`]))
		.code === 0;

export async function listMergeRequests(ctx: ProjectContext): Promise<Reply> {
	await assertCanRead(ctx);
	const q = ctx.query;
	const state = q.get('state') ?? 'all';
	const list = requests(ctx).filter(
		(mr) =>
			(state === 'all' || mr.state === state) &&
			(!q.get('source_branch') || mr.source_branch === q.get('source_branch')) &&
			(!q.get('target_branch') || mr.target_branch === q.get('target_branch'))
	);
	return { status: 200, json: list.map((mr) => json(ctx, mr)).reverse() };
}

export async function getMergeRequest(ctx: ProjectContext, iid: number): Promise<Reply> {
	await assertCanRead(ctx);
	const mr = requests(ctx).find((m) => m.iid === iid);
	if (!mr) throw notFound('404 Not found');
	return { status: 200, json: json(ctx, mr) };
}

export async function createMergeRequest(ctx: ProjectContext): Promise<Reply> {
	await assertCanRead(ctx);
	const viewer = assertCanWrite(ctx);
	const { source_branch: source, target_branch: target, title, description } = ctx.body;
	if (
		typeof source !== 'string' ||
		typeof target !== 'string' ||
		typeof title !== 'string' ||
		!title
	) {
		throw badRequest('source_branch, target_branch, title are missing');
	}
	if (!(await hasBranch(ctx, source))) throw badRequest(`Source branch "${source}" does not exist`);
	if (!(await hasBranch(ctx, target))) throw badRequest(`Target branch "${target}" does not exist`);
	const list = requests(ctx);
	const open = list.find(
		(m) => m.state === 'opened' && m.source_branch === source && m.target_branch === target
	);
	if (open) {
		throw new GitLabError(409, {
			message: [`Another open merge request already exists for this source branch: !${open.iid}`]
		});
	}
	const mr: MergeRequest = {
		iid: list.length + 1,
		title,
		description: typeof description === 'string' ? description : '',
		source_branch: source,
		target_branch: target,
		state: 'opened',
		author: viewer.username,
		updatedCount: 0
	};
	list.push(mr);
	return { status: 201, json: json(ctx, mr) };
}

export async function updateMergeRequest(ctx: ProjectContext, iid: number): Promise<Reply> {
	await assertCanRead(ctx);
	assertCanWrite(ctx);
	const mr = requests(ctx).find((m) => m.iid === iid);
	if (!mr) throw notFound('404 Not found');
	if (typeof ctx.body.title === 'string' && ctx.body.title) mr.title = ctx.body.title;
	if (typeof ctx.body.description === 'string') mr.description = ctx.body.description;
	mr.updatedCount += 1;
	return { status: 200, json: json(ctx, mr) };
}

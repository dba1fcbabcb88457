// Issues: list a repository's (state, labels, newest first), read one and its comments, comment.
import { asFields, requiredString } from './body.ts';
import type { RepoContext, Reply } from './context.ts';
import { notFound } from './errors.ts';
import type { IssueRecord } from './issue-store.ts';
import { paginate } from './paging.ts';
import { repoKey } from './repos.ts';
import { issueCommentShape, issueShape } from './shapes-issue.ts';

function issueOf(ctx: RepoContext): IssueRecord {
	const issue = ctx.state.issues.get(
		repoKey(ctx.repo.owner, ctx.repo.name),
		Number(ctx.params.number)
	);
	if (!issue) throw notFound();
	return issue;
}

export async function listIssues(ctx: RepoContext): Promise<Reply> {
	const state = ctx.query.get('state') ?? 'open';
	// `labels=a,b`: issues carrying every one of them, as GitHub filters.
	const labels = (ctx.query.get('labels') ?? '')
		.split(',')
		.map((l) => l.trim())
		.filter(Boolean);
	const ascending = ctx.query.get('direction') === 'asc';
	const issues = ctx.state.issues
		.list(repoKey(ctx.repo.owner, ctx.repo.name))
		.filter((issue) => state === 'all' || issue.state === state)
		.filter((issue) => labels.every((label) => issue.labels.includes(label)));
	const ordered = ascending ? issues : [...issues].reverse();
	const page = paginate(ctx, ordered);
	return {
		status: 200,
		json: page.items.map((issue) => issueShape(ctx.base, ctx.repo, issue)),
		headers: page.headers
	};
}

export async function getIssue(ctx: RepoContext): Promise<Reply> {
	return { status: 200, json: issueShape(ctx.base, ctx.repo, issueOf(ctx)) };
}

export async function listIssueComments(ctx: RepoContext): Promise<Reply> {
	const issue = issueOf(ctx);
	const page = paginate(ctx, issue.comments);
	return {
		status: 200,
		json: page.items.map((comment) => issueCommentShape(ctx.base, ctx.repo, issue, comment)),
		headers: page.headers
	};
}

export async function createIssueComment(ctx: RepoContext): Promise<Reply> {
	const issue = issueOf(ctx);
	const body = requiredString(asFields(await ctx.body()), 'body');
	const comment = ctx.state.issues.comment(issue, ctx.viewer?.login ?? ctx.repo.owner, body);
	return { status: 201, json: issueCommentShape(ctx.base, ctx.repo, issue, comment) };
}

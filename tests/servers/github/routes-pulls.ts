// Pull requests: open one between two branches of the repository, list them, read one.
import type { RepoContext, Reply } from './context.ts';
import { asFields, optionalBoolean, optionalString, requiredString } from './body.ts';
import { notFound, validationFailed } from './errors.ts';
import { gitText } from './git-cli.ts';
import { readRef } from './git-objects.ts';
import { paginate } from './paging.ts';
import type { PullRecord } from './pull-store.ts';
import { repoKey, repoMeta } from './repos.ts';
import { pullShape, pullSimpleShape, type PullFacts, type PullStats } from './shapes-pull.ts';

const invalid = (field: string) =>
	validationFailed([{ resource: 'PullRequest', field, code: 'invalid' }]);
const custom = (message: string) =>
	validationFailed([{ resource: 'PullRequest', code: 'custom', message }]);

async function branchSha(ctx: RepoContext, branch: string): Promise<string | null> {
	return (await readRef(ctx.repo.gitDir, `refs/heads/${branch}`))?.sha ?? null;
}

async function pullFacts(ctx: RepoContext, pull: PullRecord): Promise<PullFacts> {
	const key = repoKey(ctx.repo.owner, ctx.repo.name);
	return {
		meta: await repoMeta(ctx.repo),
		openPulls: ctx.state.pulls.list(key).filter((each) => each.state === 'open').length,
		viewer: null,
		headSha: (await branchSha(ctx, pull.head)) ?? pull.headSha,
		baseSha: (await branchSha(ctx, pull.base)) ?? ''
	};
}

async function pullStats(ctx: RepoContext, facts: PullFacts): Promise<PullStats> {
	const { gitDir } = ctx.repo;
	if (!facts.baseSha) return { commits: 0, additions: 0, deletions: 0, changedFiles: 0 };
	const range = `${facts.baseSha}...${facts.headSha}`;
	const commits = await gitText(gitDir, [
		'rev-list',
		'--count',
		`${facts.baseSha}..${facts.headSha}`
	]);
	const numstat = await gitText(gitDir, ['diff', '--numstat', '--no-renames', range]);
	const stats = { commits: Number(commits), additions: 0, deletions: 0, changedFiles: 0 };
	for (const line of numstat.split('\n').filter(Boolean)) {
		const [added = '0', deleted = '0'] = line.split('\t');
		// Binary files show `-`; GitHub counts them as changed with no lines.
		stats.additions += Number(added) || 0;
		stats.deletions += Number(deleted) || 0;
		stats.changedFiles += 1;
	}
	return stats;
}

export async function createPull(ctx: RepoContext): Promise<Reply> {
	const fields = asFields(await ctx.body());
	const title = requiredString(fields, 'title');
	const base = requiredString(fields, 'base');
	const headField = requiredString(fields, 'head');
	// `owner:branch` names a fork's branch; only branches of this repository are served here.
	const [headOwner, head] = headField.includes(':')
		? headField.split(':', 2)
		: [ctx.repo.owner, headField];
	if (headOwner !== ctx.repo.owner || !head) throw invalid('head');
	const headSha = await branchSha(ctx, head);
	if (!headSha) throw invalid('head');
	const baseSha = await branchSha(ctx, base);
	if (!baseSha) throw invalid('base');
	const key = repoKey(ctx.repo.owner, ctx.repo.name);
	const open = (pull: PullRecord) =>
		pull.state === 'open' && pull.head === head && pull.base === base;
	if (ctx.state.pulls.list(key).some(open)) {
		throw custom(`A pull request already exists for ${ctx.repo.owner}:${head}.`);
	}
	const ahead = await gitText(ctx.repo.gitDir, ['rev-list', '--count', `${baseSha}..${headSha}`]);
	if (Number(ahead) === 0) throw custom(`No commits between ${base} and ${head}`);
	// Checked again after the awaits above, so two racing requests cannot both open one.
	if (ctx.state.pulls.list(key).some(open)) {
		throw custom(`A pull request already exists for ${ctx.repo.owner}:${head}.`);
	}
	const pull = ctx.state.pulls.add(key, {
		title,
		body: optionalString(fields, 'body') ?? null,
		head,
		base,
		draft: optionalBoolean(fields, 'draft') ?? false,
		state: 'open',
		user: ctx.viewer?.login ?? ctx.repo.owner,
		maintainerCanModify: optionalBoolean(fields, 'maintainer_can_modify') ?? true,
		createdAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
		headSha
	});
	const facts = await pullFacts(ctx, pull);
	const json = pullShape(ctx.base, ctx.repo, pull, facts, await pullStats(ctx, facts));
	return { status: 201, json, headers: { location: json.url } };
}

function headFilter(ctx: RepoContext): ((pull: PullRecord) => boolean) | null {
	const head = ctx.query.get('head');
	if (head === null) return null;
	const [owner, branch] = head.includes(':') ? head.split(':', 2) : [head, undefined];
	// GitHub filters by "user:ref-name"; a bare user matches all of that user's branches.
	return (pull) => owner === ctx.repo.owner && (branch === undefined || pull.head === branch);
}

export async function listPulls(ctx: RepoContext): Promise<Reply> {
	const state = ctx.query.get('state') ?? 'open';
	const base = ctx.query.get('base');
	const byHead = headFilter(ctx);
	const pulls = ctx.state.pulls
		.list(repoKey(ctx.repo.owner, ctx.repo.name))
		.filter((pull) => state === 'all' || pull.state === state)
		.filter((pull) => base === null || pull.base === base)
		.filter((pull) => byHead === null || byHead(pull))
		// GitHub's default order: newest first.
		.reverse();
	const page = paginate(ctx, pulls);
	const json = [];
	for (const pull of page.items) {
		json.push(pullSimpleShape(ctx.base, ctx.repo, pull, await pullFacts(ctx, pull)));
	}
	return { status: 200, json, headers: page.headers };
}

export async function getPull(ctx: RepoContext): Promise<Reply> {
	const number = Number(ctx.params.number);
	const key = repoKey(ctx.repo.owner, ctx.repo.name);
	const pull = ctx.state.pulls.list(key).find((each) => each.number === number);
	if (!pull) throw notFound();
	const facts = await pullFacts(ctx, pull);
	return {
		status: 200,
		json: pullShape(ctx.base, ctx.repo, pull, facts, await pullStats(ctx, facts))
	};
}

/** PATCH /pulls/:number: title and body (what a follow-up's push rewrites). */
export async function updatePull(ctx: RepoContext): Promise<Reply> {
	const number = Number(ctx.params.number);
	const key = repoKey(ctx.repo.owner, ctx.repo.name);
	const pull = ctx.state.pulls.list(key).find((each) => each.number === number);
	if (!pull) throw notFound();
	const fields = asFields(await ctx.body());
	const title = optionalString(fields, 'title');
	const body = optionalString(fields, 'body');
	if (title !== undefined) pull.title = title;
	if (body !== undefined) pull.body = body;
	return getPull(ctx);
}

// A project's tree and its blobs' bytes, as a browser checks a commit out through the API:
// `GET /repository/tree` (recursive, offset pages with `X-Next-Page` or keyset pages with a
// `Link: rel="next"` carrying `page_token`, as GitLab documents both) and
// `GET /repository/blobs/:sha/raw`. Read from the real bare repo with `git`; entries satisfy
// TreeEntryReply (./shapes.ts, typed against @gitbeaker/core's RepositoryTreeSchema).
import { runGit } from '../github/git-cli.ts';
import { lsTree, objectType, readBlob, shaPattern } from '../github/git-objects.ts';
import { assertCanRead, type ProjectContext } from './context.ts';
import { notFound } from './errors.ts';
import type { Reply } from './routes-repository.ts';
import type { TreeEntryReply } from './shapes.ts';

const TYPES: Record<string, string> = { blob: 'blob', tree: 'tree', commit: 'commit' };

async function commitOf(ctx: ProjectContext, ref: string): Promise<string | null> {
	if (!ref || ref.startsWith('-')) return null;
	const result = await runGit(ctx.project.gitDir, [
		'rev-parse',
		'--verify',
		'--quiet',
		`${ref}^{commit}`
	]);
	return result.code === 0 ? result.stdout.toString('utf8').trim() : null;
}

export async function listTree(ctx: ProjectContext): Promise<Reply> {
	await assertCanRead(ctx);
	const q = ctx.query;
	const sha = await commitOf(ctx, q.get('ref') ?? 'HEAD');
	if (!sha) throw notFound('404 Tree Not Found');
	const recursive = q.get('recursive') === 'true';
	// git lists a tree's own entries before those inside it when asked for both (-r -t); GitLab's
	// order is its own, and a client must not depend on it.
	const all = (await lsTree(ctx.project.gitDir, sha, { recursive })).map(
		(e) =>
			({
				id: e.sha,
				name: e.path.split('/').at(-1)!,
				type: TYPES[e.type] ?? e.type,
				path: e.path,
				mode: e.mode
			}) satisfies TreeEntryReply
	);
	const perPage = Math.min(Number(q.get('per_page') ?? 20) || 20, 100);
	if (q.get('pagination') === 'keyset') {
		const token = q.get('page_token');
		const after = token ? Buffer.from(token, 'base64url').toString('utf8') : null;
		const start = after === null ? 0 : all.findIndex((e) => e.path === after) + 1;
		const items = all.slice(start, start + perPage);
		const headers: Record<string, string> = {};
		if (start + perPage < all.length) {
			const next = new URLSearchParams(q);
			next.set('page_token', Buffer.from(items.at(-1)!.path).toString('base64url'));
			const at = `${ctx.state.url}/api/v4/projects/${encodeURIComponent(ctx.project.path)}`;
			headers.Link = `<${at}/repository/tree?${next}>; rel="next"`;
		}
		return { status: 200, json: items, headers };
	}
	const at = Math.max(Number(q.get('page') ?? 1) || 1, 1);
	const items = all.slice((at - 1) * perPage, at * perPage);
	return {
		status: 200,
		json: items,
		headers: {
			'X-Page': String(at),
			'X-Per-Page': String(perPage),
			'X-Next-Page': at * perPage < all.length ? String(at + 1) : '',
			'X-Total': String(all.length)
		}
	};
}

export async function rawBlob(ctx: ProjectContext, sha: string): Promise<Reply> {
	await assertCanRead(ctx);
	if (!shaPattern.test(sha) || (await objectType(ctx.project.gitDir, sha)) !== 'blob')
		throw notFound('404 Blob Not Found');
	return { status: 200, json: null, bytes: await readBlob(ctx.project.gitDir, sha) };
}

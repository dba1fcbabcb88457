// `GET /projects/:id/repository/archive[.tar.gz]?sha=<ref>`: the repository archive GitLab
// serves, made the way GitLab makes it — the real `git archive` over the bare repo (so
// `export-ignore` and `export-subst` in .gitattributes apply), every path under
// `<project>-<ref>-<sha>/` (the ref as asked, full sha or name, `/` as `-`).
import { runGit } from '../github/git-cli.ts';
import { assertCanRead, type ProjectContext } from './context.ts';
import { badRequest, notFound } from './errors.ts';
import type { Reply } from './routes-repository.ts';

/** `format`: the path's extension (`tar.gz`), or empty for the query's or the default. */
export async function getArchive(ctx: ProjectContext, format: string): Promise<Reply> {
	await assertCanRead(ctx);
	const wanted = format || ctx.query.get('format') || 'tar.gz';
	if (wanted !== 'tar.gz') throw badRequest(`the peer serves tar.gz archives only, not ${wanted}`);
	const ref = ctx.query.get('sha') || 'HEAD';
	const gitDir = ctx.project.gitDir;
	if (ref.startsWith('-')) throw notFound('404 Commit Not Found');
	const resolved = await runGit(gitDir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
	if (resolved.code !== 0) throw notFound('404 Commit Not Found');
	const sha = resolved.stdout.toString('utf8').trim();
	const name = ctx.project.path.split('/').at(-1)!;
	const prefix = `${name}-${ref.replace(/[^A-Za-z0-9_.-]/g, '-')}-${sha}`;
	const made = await runGit(gitDir, ['archive', '--format=tar.gz', `--prefix=${prefix}/`, sha]);
	if (made.code !== 0) throw new Error(`git archive failed: ${made.stderr}`);
	return {
		status: 200,
		json: null,
		bytes: made.stdout,
		headers: {
			'Content-Type': 'application/octet-stream',
			'Content-Disposition': `attachment; filename="${prefix}.tar.gz"`
		}
	};
}

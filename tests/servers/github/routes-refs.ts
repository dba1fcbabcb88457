// Refs: read one or a prefix, create, move (fast-forward unless forced) and delete. Every
// change is a compare-and-swap `git update-ref`, so a concurrent writer cannot be overwritten.
import type { RepoContext, Reply } from './context.ts';
import { asFields, optionalBoolean, requiredString } from './body.ts';
import { notFound, unprocessable } from './errors.ts';
import { runGit } from './git-cli.ts';
import { isAncestor, listRefs, objectType, readRef, shaPattern } from './git-objects.ts';
import { refShape } from './shapes-git.ts';

const noObject = '0'.repeat(40);

/** `heads/main` and `refs/heads/main` both name refs/heads/main. */
const fullRef = (ref: string): string => (ref.startsWith('refs/') ? ref : `refs/${ref}`);

function assertNotProtected(ctx: RepoContext, ref: string): void {
	const branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : null;
	if (branch !== null && (ctx.repo.options.protectedBranches ?? []).includes(branch)) {
		throw unprocessable(`Protected branch update failed for ${ref}.`);
	}
}

async function assertObject(ctx: RepoContext, sha: string, ref: string): Promise<void> {
	const type = shaPattern.test(sha) ? await objectType(ctx.repo.gitDir, sha) : null;
	// A branch can only point at a commit; other refs (tags) may point at any object.
	if (type === null || (ref.startsWith('refs/heads/') && type !== 'commit')) {
		throw unprocessable('Object does not exist');
	}
}

export async function getRef(ctx: RepoContext): Promise<Reply> {
	const record = await readRef(ctx.repo.gitDir, fullRef(ctx.params.ref ?? ''));
	if (!record) throw notFound();
	return { status: 200, json: refShape(ctx.base, ctx.repo, record) };
}

export async function listMatchingRefs(ctx: RepoContext): Promise<Reply> {
	const prefix = fullRef(ctx.params.ref ?? '');
	const records = (await listRefs(ctx.repo.gitDir)).filter((record) =>
		record.ref.startsWith(prefix)
	);
	return { status: 200, json: records.map((record) => refShape(ctx.base, ctx.repo, record)) };
}

export async function createRef(ctx: RepoContext): Promise<Reply> {
	const fields = asFields(await ctx.body());
	const ref = requiredString(fields, 'ref');
	const sha = requiredString(fields, 'sha');
	const wellFormed = ref.startsWith('refs/') && ref.split('/').length >= 3;
	const { gitDir } = ctx.repo;
	if (!wellFormed || (await runGit(gitDir, ['check-ref-format', ref])).code !== 0) {
		throw unprocessable(`${ref} is not a valid ref name.`);
	}
	await assertObject(ctx, sha, ref);
	if (await readRef(gitDir, ref)) throw unprocessable('Reference already exists');
	const result = await runGit(gitDir, ['update-ref', ref, sha, noObject]);
	if (result.code !== 0) throw unprocessable('Reference already exists');
	const record = { ref, sha, type: (await objectType(gitDir, sha)) ?? 'commit' };
	const json = refShape(ctx.base, ctx.repo, record);
	return { status: 201, json, headers: { location: json.url } };
}

export async function updateRef(ctx: RepoContext): Promise<Reply> {
	const fields = asFields(await ctx.body());
	const sha = requiredString(fields, 'sha');
	const force = optionalBoolean(fields, 'force') ?? false;
	const ref = fullRef(ctx.params.ref ?? '');
	const { gitDir } = ctx.repo;
	const current = await readRef(gitDir, ref);
	if (!current) throw unprocessable('Reference does not exist');
	await assertObject(ctx, sha, ref);
	assertNotProtected(ctx, ref);
	if (!force && current.sha !== sha && !(await isAncestor(gitDir, current.sha, sha))) {
		throw unprocessable('Update is not a fast forward');
	}
	const result = await runGit(gitDir, ['update-ref', ref, sha, current.sha]);
	if (result.code !== 0) throw unprocessable('Reference cannot be updated');
	const record = { ref, sha, type: (await objectType(gitDir, sha)) ?? 'commit' };
	return { status: 200, json: refShape(ctx.base, ctx.repo, record) };
}

export async function deleteRef(ctx: RepoContext): Promise<Reply> {
	const ref = fullRef(ctx.params.ref ?? '');
	const current = await readRef(ctx.repo.gitDir, ref);
	if (!current) throw unprocessable('Reference does not exist');
	assertNotProtected(ctx, ref);
	const result = await runGit(ctx.repo.gitDir, ['update-ref', '-d', ref, current.sha]);
	if (result.code !== 0) throw unprocessable('Reference cannot be updated');
	return { status: 204 };
}

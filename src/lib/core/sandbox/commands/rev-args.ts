// Splits `git diff|log|show` arguments into revisions and paths the way git does: before `--`,
// an argument is a revision if it names one, else a path if one exists, else an error.
import { resolveFromPrefix } from './repo-paths.ts';
import { resolveRange, resolveRevision, unknownRevision, type Resolved } from './revisions.ts';
import type { GitContext, Outcome } from './types.ts';

export type RevArgs = { revisions: Resolved[]; ranges: number; paths: string[] };

export async function splitRevArgs(
	positionals: readonly string[],
	afterDashDash: readonly string[] | null,
	ctx: GitContext
): Promise<RevArgs | Outcome> {
	const { baseline } = ctx.repo;
	const found: RevArgs = { revisions: [], ranges: 0, paths: [] };
	for (const arg of positionals) {
		const revision = found.paths.length ? null : resolveRevision(arg, baseline);
		if (revision) found.revisions.push(revision);
		else if (!found.paths.length && resolveRange(arg, baseline)) found.ranges++;
		else if (afterDashDash === null && (await isPath(arg, ctx))) found.paths.push(arg);
		else return unknownRevision(arg, baseline);
	}
	found.paths.push(...(afterDashDash ?? []));
	return found;
}

export function isOutcome(value: RevArgs | Outcome): value is Outcome {
	return 'exitCode' in value;
}

/** A path git would accept without `--`: in the working tree, tracked, or a glob or magic. */
async function isPath(arg: string, ctx: GitContext): Promise<boolean> {
	if (/[*?[]/.test(arg) || arg.startsWith(':')) return true;
	const path = resolveFromPrefix(arg, ctx.prefix);
	if (path === null) return false;
	if (path === '') return true;
	if (ctx.repo.baseline.entries.some((e) => e.path === path || e.path.startsWith(`${path}/`))) {
		return true;
	}
	return ctx.fs.exists(`${ctx.repo.root}/${path}`);
}

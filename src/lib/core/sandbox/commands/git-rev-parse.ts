// `git rev-parse`: names of the baseline commit, and where the repository is.
import { abbrevFor } from './abbrev.ts';
import { resolveRevision, unknownRevision } from './revisions.ts';
import { fatal, ok, type GitContext, type Outcome, type Subcommand } from './types.ts';

export const revParse: Subcommand = async (args, ctx) => {
	const lines: string[] = [];
	let short = 0;
	let abbrevRef = false;
	let verify = false;
	for (const arg of args) {
		const flag = flagAnswer(arg, ctx);
		if (flag !== null) {
			lines.push(...flag);
			continue;
		}
		if (arg === '--short' || arg.startsWith('--short=')) short = Number(arg.slice(8) || 0) || -1;
		else if (arg === '--abbrev-ref' || arg === '--abbrev-ref=strict') abbrevRef = true;
		else if (arg === '--verify') verify = true;
		else if (arg === '-q' || arg === '--quiet' || arg === '--end-of-options') continue;
		else if (arg.startsWith('-'))
			return fatal(`rev-parse option '${arg}' is not available in this sandbox`);
		else {
			const answer = revisionLine(arg, ctx, { short, abbrevRef });
			if (typeof answer !== 'string') return verify ? fatal('Needed a single revision') : answer;
			lines.push(answer);
		}
	}
	return ok(lines.map((line) => `${line}\n`).join(''));
};

function flagAnswer(arg: string, ctx: GitContext): string[] | null {
	switch (arg) {
		case '--show-toplevel':
			return [ctx.repo.root];
		case '--show-prefix':
			return [ctx.prefix];
		case '--show-cdup':
			return [
				ctx.prefix
					.split('/')
					.filter(Boolean)
					.map(() => '../')
					.join('')
			];
		case '--is-inside-work-tree':
			return ['true'];
		case '--is-inside-git-dir':
		case '--is-bare-repository':
		case '--is-shallow-repository':
			return [arg === '--is-shallow-repository' ? 'true' : 'false'];
		default:
			return null;
	}
}

function revisionLine(
	arg: string,
	ctx: GitContext,
	how: { short: number; abbrevRef: boolean }
): string | Outcome {
	const resolved = resolveRevision(arg, ctx.repo.baseline);
	if (!resolved) return unknownRevision(arg, ctx.repo.baseline);
	if (how.abbrevRef) {
		return resolved.kind === 'commit' && /^(HEAD|@)$/.test(arg)
			? ctx.repo.baseline.branch || 'HEAD'
			: arg;
	}
	if (!how.short) return resolved.oid;
	// --short is the repository's abbreviation; --short=N asks for at least N digits (4 or more).
	const short = abbrevFor(ctx.repo.baseline).short(resolved.oid);
	return how.short < 0 ? short : resolved.oid.slice(0, Math.max(4, how.short));
}

// `git ls-files`: tracked files (the baseline: with no index, it is what the index would hold),
// and with `-o`, `-m`, `-d` the untracked, modified and deleted ones. Like git, it lists the
// working directory's part of the tree with paths relative to it, unless `--full-name`; `-s`
// adds each one's mode, blob id and stage, as the index holds them.
import { has, parseArgs, type OptionSpec } from './args.ts';
import { parsePathspecs } from './pathspec.ts';
import { quoteC } from './quote.ts';
import { byPath, indexEntries, relativeTo } from './repo-paths.ts';
import { ok, type GitContext, type Subcommand } from './types.ts';
import { untrackedEntries } from './untracked.ts';

const SPEC: OptionSpec = {
	long: {
		cached: { key: 'cached' },
		stage: { key: 'stage' },
		others: { key: 'others' },
		modified: { key: 'modified' },
		deleted: { key: 'deleted' },
		directory: { key: 'directory' },
		'exclude-standard': { key: 'ignored' },
		'full-name': { key: 'full-name' },
		'error-unmatch': { key: 'ignored' }
	},
	short: {
		c: { key: 'cached' },
		s: { key: 'stage' },
		o: { key: 'others' },
		m: { key: 'modified' },
		d: { key: 'deleted' },
		z: { key: 'nul' }
	}
};

export const lsFiles: Subcommand = async (args, ctx) => {
	const parsed = parseArgs(args, SPEC);
	const scope = [...parsed.positionals, ...(parsed.paths ?? [])];
	const spec = parsePathspecs(scope.length ? scope : ['.'], ctx.prefix, ctx.repo.root);
	const listed = await select(parsed, ctx);
	const prefix = has(parsed, 'full-name') ? '' : ctx.prefix;
	const nul = has(parsed, 'nul');
	const stage = has(parsed, 'stage');
	const entries = indexEntries(ctx.repo.baseline);
	const lines = listed.filter(spec.matches).map((path) => {
		const shown = nul ? relativeTo(path, prefix) : quoteC(relativeTo(path, prefix));
		const entry = entries.get(path);
		// -s: what the index holds for a tracked path (mode, blob id, stage 0).
		return stage && entry ? `${entry.mode} ${entry.oid} 0\t${shown}` : shown;
	});
	return ok(lines.map((line) => line + (nul ? '\0' : '\n')).join(''));
};

async function select(parsed: ReturnType<typeof parseArgs>, ctx: GitContext): Promise<string[]> {
	const tracked = [...indexEntries(ctx.repo.baseline).keys()];
	const wantsOthers = has(parsed, 'others');
	const wantsModified = has(parsed, 'modified');
	const wantsDeleted = has(parsed, 'deleted');
	const wantsCached = has(parsed, 'cached') || !(wantsOthers || wantsModified || wantsDeleted);
	const out: string[] = wantsCached ? [...tracked] : [];
	if (wantsOthers || wantsModified || wantsDeleted) {
		const worktree = await ctx.worktree();
		const changed = worktree.tracked;
		if (wantsModified) out.push(...changed.map((change) => change.path));
		if (wantsDeleted) out.push(...changed.filter((c) => c.after === null).map((c) => c.path));
		if (wantsOthers) {
			const mode = has(parsed, 'directory') ? 'normal' : 'all';
			out.push(...untrackedEntries(worktree.untracked, tracked, mode));
		}
	}
	return out.sort(byPath);
}

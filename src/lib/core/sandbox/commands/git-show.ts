// `git show`: `<rev>:<path>` prints a file (or lists a folder) as the baseline has it, which is
// how an agent looks at the original of a file it changed; `git show [<rev>]` prints the commit
// and its changes (those of a root commit, as in a depth-1 clone).
import { parseArgs, type OptionSpec } from './args.ts';
import { commitWithChanges, PRETTY_OPTIONS } from './git-log.ts';
import { byPath, resolveFromPrefix } from './repo-paths.ts';
import { resolveRevision, unknownRevision } from './revisions.ts';
import {
	byteOutput,
	fatal,
	ok,
	utf8Bytes,
	type GitContext,
	type Outcome,
	type Subcommand
} from './types.ts';

const SPEC: OptionSpec = {
	long: { ...PRETTY_OPTIONS, quiet: { key: 'no-patch' } },
	short: {
		s: { key: 'no-patch' },
		p: { key: 'patch' },
		u: { key: 'patch' },
		q: { key: 'no-patch' }
	}
};

export const show: Subcommand = async (args, ctx) => {
	const parsed = parseArgs(args, SPEC);
	const objects = parsed.positionals.length ? parsed.positionals : ['HEAD'];
	const outputs: Outcome[] = [];
	for (const object of objects) {
		const colon = object.indexOf(':');
		if (colon >= 0) {
			outputs.push(await showPath(object, colon, ctx));
			continue;
		}
		const revision = resolveRevision(object, ctx.repo.baseline);
		if (revision?.kind !== 'commit') return unknownRevision(object, ctx.repo.baseline);
		outputs.push(byteOutput(await commitWithChanges(ctx, parsed, true)));
	}
	const failed = outputs.find((outcome) => outcome.exitCode !== 0);
	if (failed) return failed;
	if (outputs.length === 1) return outputs[0]!;
	// Byte output and text together: all of it as bytes.
	const stdout = outputs.map((o) => (o.stdoutKind === 'bytes' ? o.stdout : utf8Bytes(o.stdout)));
	return {
		...byteOutput(stdout.join('')),
		stderr: [...new Set(outputs.map((o) => o.stderr))].join('')
	};
};

/** `HEAD:path` is from the root, `HEAD:./path` from the working directory, `:path` the index
 * (which here is the baseline). */
async function showPath(object: string, colon: number, ctx: GitContext): Promise<Outcome> {
	const rev = object.slice(0, colon).replace(/^:?\d?$/, 'HEAD') || 'HEAD';
	const raw = object.slice(colon + 1).replace(/^\d:/, '');
	const { baseline } = ctx.repo;
	if (resolveRevision(rev, baseline)?.kind !== 'commit') return unknownRevision(object, baseline);
	const relative = raw.startsWith('./') || raw.startsWith('../');
	const path = resolveFromPrefix(raw, relative ? ctx.prefix : '');
	if (path === null) return fatal(`'${raw}' is outside the repository`);
	const entry = baseline.entries.find((e) => e.path === path);
	if (entry) return bytesOutcome(await ctx.repo.readBaseline(entry.oid));
	const skipped = baseline.skipped.find((e) => e.path === path);
	if (skipped) return fatal(`'${path}' is not in this sandbox (${skipped.reason})`);
	const children = childrenOf(
		baseline.entries.map((e) => e.path),
		path
	);
	if (!children.length) return fatal(`path '${path}' does not exist in '${rev}'`);
	return ok(`tree ${object}\n\n${children.join('\n')}\n`);
}

function childrenOf(paths: string[], dir: string): string[] {
	const prefix = dir ? `${dir}/` : '';
	const names = new Set<string>();
	for (const path of paths) {
		if (!path.startsWith(prefix)) continue;
		const rest = path.slice(prefix.length);
		const slash = rest.indexOf('/');
		names.add(slash < 0 ? rest : rest.slice(0, slash + 1));
	}
	return [...names].sort(byPath);
}

/** File contents go out as bytes, so a binary file survives a redirect unchanged. */
function bytesOutcome(bytes: Uint8Array): Outcome {
	let latin1 = '';
	for (let i = 0; i < bytes.length; i += 0x8000) {
		latin1 += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	}
	return { stdout: latin1, stderr: '', exitCode: 0, stdoutKind: 'bytes', stdoutEncoding: 'binary' };
}

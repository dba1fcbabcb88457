// `git branch`: lists the one branch the sandbox has (and its remote counterpart); creating,
// deleting or renaming a branch is a write and is refused.
import { abbrevFor } from './abbrev.ts';
import { commitView, formatCommit } from './commit-format.ts';
import { unavailable } from './git-unavailable.ts';
import { ok, type GitContext, type Subcommand } from './types.ts';

const LISTING = new Set([
	'--list',
	'-l',
	'-a',
	'--all',
	'-r',
	'--remotes',
	'-v',
	'-vv',
	'--verbose'
]);
const IGNORED = new Set(['--no-color', '--color', '--no-column', '--column', '-q', '--quiet']);

export const branch: Subcommand = async (args, ctx) => {
	const name = ctx.repo.baseline.branch;
	if (args.includes('--show-current')) return ok(name ? `${name}\n` : '');
	const flags = args.filter((arg) => !IGNORED.has(arg));
	if (flags.some((arg) => !LISTING.has(arg))) return unavailable('branch');
	const verbose = flags.some((arg) => arg.startsWith('-v') || arg === '--verbose');
	const local =
		name || `(HEAD detached at ${abbrevFor(ctx.repo.baseline).short(ctx.repo.baseline.commit)})`;
	const remotes = flags.includes('-r') || flags.includes('--remotes');
	const all = flags.includes('-a') || flags.includes('--all');
	const rows: Array<[string, string]> = [];
	if (!remotes) rows.push(['* ', local]);
	if ((remotes || all) && name) rows.push(['  ', `${all ? 'remotes/' : ''}origin/${name}`]);
	const width = Math.max(...rows.map(([, label]) => label.length));
	const detail = verbose ? ` ${oneline(ctx)}` : '';
	return ok(
		rows
			.map(([mark, label]) => `${mark}${verbose ? label.padEnd(width) : label}${detail}\n`)
			.join('')
	);
};

function oneline(ctx: GitContext): string {
	return formatCommit(commitView(ctx.repo), {
		pretty: { kind: 'oneline' },
		date: 'default',
		decorate: false
	}).trimEnd();
}

// The small subcommands: `add` (nothing to stage: every change is handed in anyway), the
// listing forms of `tag` and `stash` (there are none), `switch` to the current branch, `help`.
import { AVAILABLE, unavailable } from './git-unavailable.ts';
import { ok, type Subcommand } from './types.ts';

export const USAGE = `usage: git <command> [<args>]

This sandbox's git works on the task's working tree and its baseline commit.
Available: ${AVAILABLE}.
Commits, branches and pushes happen when the task ends: your changes are collected
automatically and turned into a diff for review.
`;

export const add: Subcommand = async () =>
	ok(
		'',
		'note: nothing needs staging in this sandbox; every change is collected when the task ends\n'
	);

export const tag: Subcommand = async (args) =>
	args.every((arg) => arg === '-l' || arg === '--list') ? ok('') : unavailable('tag');

export const stash: Subcommand = async (args) =>
	args[0] === 'list' ? ok('') : unavailable('stash');

export const switchBranch: Subcommand = async (args, ctx) => {
	const { branch } = ctx.repo.baseline;
	const names = args.filter((arg) => !arg.startsWith('-'));
	if (branch && names.length === 1 && names[0] === branch && names.length === args.length) {
		return ok('', `Already on '${branch}'\n`);
	}
	return unavailable('switch');
};

export const help: Subcommand = async () => ok(USAGE);

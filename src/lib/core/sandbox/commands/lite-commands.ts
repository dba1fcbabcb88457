// The commands the Lite sandbox adds to just-bash: `git` over the task's baseline and
// `apply_patch` (also as `applypatch`). Pass the result to createLiteSandbox({ commands }).
import type { CustomCommand } from 'just-bash';
import { APPLY_PATCH_NAMES, createApplyPatchCommand } from './apply-patch-command.ts';
import { createGitCommand } from './git-command.ts';
import type { GitRepoOptions } from './types.ts';

export type LiteCommandOptions = GitRepoOptions;

export function liteCommands(options: LiteCommandOptions): CustomCommand[] {
	return [
		createGitCommand(options),
		...APPLY_PATCH_NAMES.map((name) => createApplyPatchCommand(name))
	];
}

export { liteCommands, type LiteCommandOptions } from './lite-commands.ts';
export { createGitCommand } from './git-command.ts';
export { createApplyPatchCommand } from './apply-patch-command.ts';
export type { CommitInfo, GitRepoOptions } from './types.ts';

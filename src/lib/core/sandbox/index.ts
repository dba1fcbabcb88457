export type {
	ExecOptions,
	ExecResult,
	FileMode,
	OutputChunk,
	Sandbox,
	SandboxEntry,
	SandboxKind,
	TreeFile
} from './types.ts';
export { ABORT_EXIT_CODE, TIMEOUT_EXIT_CODE } from './types.ts';
export { SandboxPathError, normaliseRelative } from './paths.ts';
export { createLiteSandbox, type LiteOptions } from './lite.ts';
export {
	createWebContainerSandbox,
	type WebContainerLike,
	type WebContainerWiring
} from './webcontainer.ts';
export type { ContainerNetwork } from './webcontainer-guard.ts';
export {
	createApplyPatchCommand,
	createGitCommand,
	liteCommands,
	type CommitInfo,
	type GitRepoOptions,
	type LiteCommandOptions
} from './commands/index.ts';
export {
	createLiteNetwork,
	NetworkBlockedError,
	type LiteNetworkOptions,
	type NetworkState
} from './lite-network.ts';

export { newEnvironmentDraft, draftOf, suggestedName, type EnvironmentDraft } from './draft.ts';
export { validateEnvironment, type EnvironmentErrors, type EnvironmentField } from './validate.ts';
export {
	runSetup,
	logTail,
	DEFAULT_SETUP_TIMEOUT_MS,
	type SetupResult,
	type SetupOptions
} from './setup.ts';
export {
	prepareEnvironment,
	PrepareError,
	type PrepareDeps,
	type PrepareEvent,
	type PrepareStep,
	type Prepared,
	type CheckedOut
} from './prepare.ts';
export { withAgentVariables } from './agent-variables.ts';
export { firstNodeCommand, liteSkipNote, type NodeCommand } from './node-commands.ts';

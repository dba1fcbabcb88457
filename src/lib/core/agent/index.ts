export { runAgent, type AgentResult } from './loop.ts';
export type { AgentEvent, Emit, FinalEvent, Totals } from './events.ts';
export type {
	AgentInput,
	AgentMode,
	Budgets,
	FinalReason,
	NetworkHook,
	ObjectSchema,
	PropertySchema,
	SpendGuard,
	Tool,
	ToolContext,
	ToolDetails,
	ToolResult
} from './types.ts';
export { DEFAULT_BUDGETS } from './run-state.ts';
export { buildSystemPrompt, type SystemPromptOptions } from './system-prompt.ts';
export { AGENTS_MAX_BYTES, loadAgentsInstructions, type AgentsDoc } from './agents-md.ts';
export { parseProposedTasks, type ParsedAnswer, type ProposedTask } from './proposed-tasks.ts';
export {
	compactHistory,
	COMPACTION_THRESHOLD,
	KEEP_TURNS,
	type Compaction,
	type CompactionOptions
} from './compaction.ts';
export { estimateTokens } from './tokens.ts';
export {
	applyPatchTool,
	coreTools,
	createMcpTool,
	createWebFetchTool,
	shellTool,
	toolMap,
	truncateHeadTail,
	type ApplyPatchArgs,
	type CoreToolOptions,
	type McpCallDetails,
	type McpToolOptions,
	type ShellArgs,
	type WebFetchArgs,
	type WebFetchOptions,
	type Truncation
} from './tools/index.ts';

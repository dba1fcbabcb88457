export { listModels, type ModelEndpoint } from './list-models.ts';
export { modelPresets } from './presets.ts';
export { createModelClient, type ModelClientOptions } from './client.ts';
export { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_IDLE_TIMEOUT_MS } from './deadline.ts';
export { contextWindowOf, DEFAULT_CONTEXT_WINDOW } from './context-window.ts';
export { addUsage, NO_USAGE } from './usage.ts';
export type {
	FinishReason,
	ImageAttachment,
	JsonSchema,
	Message,
	ModelClient,
	ModelError,
	ModelErrorCode,
	ModelEvent,
	ModelRequest,
	RetryReason,
	ToolCall,
	ToolSpec,
	Usage
} from './types.ts';

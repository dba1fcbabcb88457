// The Tool seam and what a run is given. A tool is a file exporting one of these; the loop finds
// it by name and hands it a context with the sandbox, the abort signal and an output sink.
import type { Message, ModelClient, Usage } from '../model/index.ts';
import type { AppliedChange } from '../patch/index.ts';
import type { OutputChunk, Sandbox } from '../sandbox/index.ts';
import type { WebFetchDetails } from './tools/web-fetch.ts';
import type { McpCallDetails } from './tools/mcp-tool.ts';

export type AgentMode = 'code' | 'ask';

/** Why a run ended; each is a distinct end the UI shows. */
export type FinalReason =
	| 'done'
	| 'max_turns'
	| 'max_wall_time'
	| 'max_tokens'
	/** The next request would cross the task's budget (money or tokens). */
	| 'budget'
	| 'cancelled'
	| 'error'
	| 'length';

/**
 * The task's budget, asked before every request: `spent` is this run's usage turn by turn, `next`
 * the estimated usage of the request about to go out. It answers why that request must not be
 * sent, or null. The guard knows the budget and what was spent outside this run.
 */
export type SpendGuard = {
	check(spent: readonly Usage[], next: Usage): Promise<string | null>;
};

/** Where network decisions will plug in; typed loosely until the network module settles. */
export type NetworkHook = {
	decide?(url: string, method: string): { allowed: boolean; reason: string };
};

export type ToolContext = {
	sandbox: Sandbox;
	signal: AbortSignal;
	/** Streams a command's output as it arrives (the UI shows it live). */
	onOutput(chunk: OutputChunk): void;
	network?: NetworkHook;
};

/** What the UI and the log keep about a call; the model sees only `content`. */
export type ToolDetails =
	| {
			kind: 'shell';
			command: string;
			workdir: string;
			exitCode: number;
			timedOut: boolean;
			aborted: boolean;
			/** The whole output, stdout and stderr in arrival order. */
			output: string;
			/** Whether the model saw only part of it. */
			truncated: boolean;
	  }
	| {
			kind: 'apply_patch';
			changes: AppliedChange[];
			error?: { code: string; message: string; hint: string };
	  }
	| WebFetchDetails
	| McpCallDetails
	/** Unknown tool, unparseable or invalid arguments: the model is told and may try again. */
	| { kind: 'invalid_call'; message: string }
	/** The tool itself threw. */
	| { kind: 'tool_failed'; message: string }
	/** The run stopped before the call ran. */
	| { kind: 'not_run'; reason: FinalReason };

export type ToolResult = { ok: boolean; content: string; details: ToolDetails };

export type PropertySchema = {
	type: 'string' | 'number' | 'integer' | 'boolean';
	description: string;
	minimum?: number;
};

/** The JSON Schema subset tool parameters use, small enough to check without a library. */
export type ObjectSchema = {
	type: 'object';
	properties: Record<string, PropertySchema>;
	required: string[];
	additionalProperties: false;
};

export interface Tool<Args extends object = Record<string, unknown>> {
	readonly name: string;
	/** The manual the model reads. */
	readonly description: string;
	readonly parameters: ObjectSchema;
	/** Tools that change files are not offered in Ask mode. */
	readonly writesFiles?: boolean;
	/**
	 * Another program's JSON Schema for the arguments (an MCP server's tool): offered to the model
	 * instead of `parameters`, and checked by `check` instead of the loop's own checker.
	 */
	readonly foreignSchema?: {
		schema: Record<string, unknown>;
		check(value: unknown): { args: Record<string, unknown> } | { problems: string[] };
	};
	/** Runs with arguments already checked against `parameters`. */
	run(args: Args, ctx: ToolContext): Promise<ToolResult>;
}

export type Budgets = {
	/** Model requests in this run. */
	maxTurns: number;
	maxWallMs: number;
	/** Prompt plus completion tokens over all turns of this run. */
	maxTokens: number;
};

export type AgentInput = {
	/** The conversation so far, ending with the new user message; no system message. */
	messages: Message[];
	systemPrompt: string;
	tools: ReadonlyMap<string, Tool>;
	model: ModelClient;
	sandbox: Sandbox;
	mode: AgentMode;
	budgets?: Partial<Budgets>;
	/** Tokens the model can take in; defaults to what is known of the model id. */
	contextWindow?: number;
	network?: NetworkHook;
	spendGuard?: SpendGuard;
};

import type { Tool } from '../types.ts';
import { applyPatchTool } from './apply-patch.ts';
import { shellTool } from './shell.ts';
import { createMcpTool, type McpToolOptions } from './mcp-tool.ts';
import { createWebFetchTool, type WebFetchOptions } from './web-fetch.ts';
import type { McpToolChoice } from '../../store/schema.ts';

export { applyPatchTool, type ApplyPatchArgs } from './apply-patch.ts';
export { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS, shellTool, type ShellArgs } from './shell.ts';
export { MAX_BYTES, MAX_LINES, truncateHeadTail, type Truncation } from './truncate.ts';
export {
	createWebFetchTool,
	WEB_FETCH_MAX_BYTES,
	WEB_FETCH_MAX_CHARS,
	wrapUntrusted,
	type WebFetchArgs,
	type WebFetchDetails,
	type WebFetchOptions
} from './web-fetch.ts';
export { createMcpTool, type McpCallDetails, type McpToolOptions } from './mcp-tool.ts';

/** A name → tool map, the way the loop dispatches calls. */
export function toolMap(...tools: Tool[]): ReadonlyMap<string, Tool> {
	return new Map(tools.map((tool) => [tool.name, tool]));
}

export type CoreToolOptions = {
	/** Given when the agent phase's policy has network access on: `web_fetch` is offered. */
	webFetch?: WebFetchOptions;
	/** The environment's enabled MCP tools, each offered as `<server>__<tool>`. */
	mcp?: McpToolOptions & { choices: readonly McpToolChoice[] };
};

/**
 * The Codex-style core set: `shell` and `apply_patch`, `web_fetch` when the network is on, and
 * the MCP tools the environment enabled (a name taken already is not offered twice).
 */
export function coreTools(options: CoreToolOptions = {}): ReadonlyMap<string, Tool> {
	const tools: Tool[] = [shellTool, applyPatchTool];
	if (options.webFetch) tools.push(createWebFetchTool(options.webFetch));
	for (const choice of options.mcp?.choices ?? []) {
		const tool = createMcpTool(choice, options.mcp!);
		if (!tools.some((t) => t.name === tool.name)) tools.push(tool);
	}
	return toolMap(...tools);
}

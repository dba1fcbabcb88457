import type { Tool } from '../types.ts';
import { applyPatchTool } from './apply-patch.ts';
import { shellTool } from './shell.ts';

export { applyPatchTool, type ApplyPatchArgs } from './apply-patch.ts';
export { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS, shellTool, type ShellArgs } from './shell.ts';
export { MAX_BYTES, MAX_LINES, truncateHeadTail, type Truncation } from './truncate.ts';

/** A name → tool map, the way the loop dispatches calls. */
export function toolMap(...tools: Tool[]): ReadonlyMap<string, Tool> {
	return new Map(tools.map((tool) => [tool.name, tool]));
}

/** The Codex-style core set: `shell` and `apply_patch`. */
export function coreTools(): ReadonlyMap<string, Tool> {
	return toolMap(shellTool, applyPatchTool);
}

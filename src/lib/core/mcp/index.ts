export {
	callMcpTool,
	listMcpTools,
	MCP_TIMEOUT_MS,
	type McpCallOutcome,
	type McpConnectOptions,
	type McpToolInfo
} from './client.ts';
export { MAX_TOOL_NAME, mcpToolName, sanitizeNamePart } from './tool-name.ts';

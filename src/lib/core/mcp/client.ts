// A connection to a remote MCP server over Streamable HTTP with the official SDK's client, from
// the page. Each use opens its own connection and closes it (a list, or one tool call): nothing
// is held between calls, so a server that went away is simply an error on the next call.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import { mcpAuthorization, type Credentials } from '../credentials/index.ts';
import { AppError, diagnoseNetworkFailure, hostOf, isAbortError } from '../http/index.ts';

export const MCP_TIMEOUT_MS = 60_000;

export type McpConnectOptions = {
	credentials: Credentials;
	signal?: AbortSignal;
	/** Per request to the server (connecting, listing, one call). */
	timeoutMs?: number;
	fetch?: typeof fetch;
};

/** A tool as the server lists it: what Settings shows and an environment may enable. */
export type McpToolInfo = {
	name: string;
	description: string;
	inputSchema: Record<string, unknown>;
	readOnly: boolean;
};

/** A tool call's outcome as the server gave it: its content as text, and whether it failed. */
export type McpCallOutcome = { text: string; isError: boolean };

// The SDK checks tool results against a tool's output schema with ajv, which compiles code: the
// app's CSP forbids eval, and the model reads the result as text anyway. Results are not checked.
const acceptAll: jsonSchemaValidator = {
	getValidator: () => (input: unknown) => ({
		valid: true,
		data: input as never,
		errorMessage: undefined
	})
};

/** Runs `use` on a fresh connection to `url`, closed afterwards; failures are AppErrors. */
async function withClient<T>(
	url: string,
	options: McpConnectOptions,
	use: (client: Client, request: { signal: AbortSignal; timeout: number }) => Promise<T>
): Promise<T> {
	const timeout = options.timeoutMs ?? MCP_TIMEOUT_MS;
	const signal = AbortSignal.any([
		...(options.signal ? [options.signal] : []),
		AbortSignal.timeout(timeout)
	]);
	const baseFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
	// The token is decided per request URL, so it goes only to the host it is bound to.
	const authorizedFetch: typeof fetch = (input, init) => {
		const target = input instanceof Request ? input.url : String(input);
		const authorization = mcpAuthorization(target, options.credentials);
		const headers = new Headers(init?.headers);
		if (authorization) headers.set('authorization', authorization);
		return baseFetch(input, { ...init, headers, signal: init?.signal ?? signal });
	};
	const transport = new StreamableHTTPClientTransport(new URL(url), { fetch: authorizedFetch });
	const client = new Client(
		{ name: 'patchbay', version: '1' },
		{ capabilities: {}, jsonSchemaValidator: acceptAll }
	);
	try {
		await client.connect(transport, { signal, timeout });
		return await use(client, { signal, timeout });
	} catch (error) {
		throw await explain(url, error, signal, options.fetch);
	} finally {
		void client.close().catch(() => {});
	}
}

/** The server's tools. */
export function listMcpTools(url: string, options: McpConnectOptions): Promise<McpToolInfo[]> {
	return withClient(url, options, async (client, request) => {
		const tools: McpToolInfo[] = [];
		let cursor: string | undefined;
		do {
			const page = await client.listTools(cursor ? { cursor } : {}, request);
			for (const tool of page.tools) {
				tools.push({
					name: tool.name,
					description: tool.description ?? tool.title ?? '',
					inputSchema: tool.inputSchema as Record<string, unknown>,
					readOnly: tool.annotations?.readOnlyHint === true
				});
			}
			cursor = page.nextCursor;
		} while (cursor && tools.length < 1000);
		return tools;
	});
}

/** One call of `tool` with `args`. */
export function callMcpTool(
	url: string,
	tool: string,
	args: Record<string, unknown>,
	options: McpConnectOptions
): Promise<McpCallOutcome> {
	return withClient(url, options, async (client, request) => {
		const result = await client.callTool({ name: tool, arguments: args }, undefined, request);
		return {
			text: contentText(result as { content?: unknown; structuredContent?: unknown }),
			isError: result.isError === true
		};
	});
}

/** A result's content as text: text parts as they are, others described in one line. */
function contentText(result: { content?: unknown; structuredContent?: unknown }): string {
	const parts = Array.isArray(result.content) ? (result.content as Record<string, unknown>[]) : [];
	const lines = parts.map((part) => {
		if (part.type === 'text') return String(part.text ?? '');
		if (part.type === 'resource_link') return `(resource link: ${String(part.uri ?? '')})`;
		if (part.type === 'resource') {
			const resource = (part.resource ?? {}) as Record<string, unknown>;
			return typeof resource.text === 'string'
				? resource.text
				: `(resource ${String(resource.uri ?? '')}, ${String(resource.mimeType ?? 'binary')})`;
		}
		return `(${String(part.type)} content${part.mimeType ? ` of type ${String(part.mimeType)}` : ''}, not shown)`;
	});
	if (lines.length === 0 && result.structuredContent !== undefined)
		lines.push(JSON.stringify(result.structuredContent));
	return lines.join('\n');
}

/** What went wrong, in words a user (and the model) can act on. */
async function explain(
	url: string,
	error: unknown,
	signal: AbortSignal,
	fetchImpl?: typeof fetch
): Promise<AppError> {
	if (error instanceof AppError) return error;
	const host = hostOf(url);
	const message = error instanceof Error ? error.message : String(error);
	if (signal.aborted || isAbortError(error) || /timed? ?out/i.test(message)) {
		return new AppError(
			'mcp-timeout',
			`The MCP server at ${host} did not answer in time, or the call was cancelled.`,
			'Check that the server is running.',
			{ cause: error }
		);
	}
	if (error instanceof TypeError || /fetch failed|Failed to fetch|NetworkError/i.test(message)) {
		const why = await diagnoseNetworkFailure(url, fetchImpl);
		return why === 'cors'
			? new AppError(
					'cors-refused',
					`${host} answered without CORS headers, so the browser cannot read it.`,
					'Enable CORS on the MCP server for this app (allowing the Authorization, Content-Type, Mcp-Session-Id and Mcp-Protocol-Version headers, exposing Mcp-Session-Id), or put a CORS proxy in front of it and add the proxy URL instead.',
					{ cause: error }
				)
			: new AppError(
					'unreachable',
					`Could not reach the MCP server at ${host}.`,
					'Check the URL and that the server is running.',
					{
						cause: error
					}
				);
	}
	if (/\b401\b|unauthori[sz]ed/i.test(message)) {
		return new AppError(
			'mcp-unauthorized',
			`The MCP server at ${host} refused the request: ${message}`,
			`Set its token in Settings → Tools (it is sent only to ${host}).`,
			{ cause: error }
		);
	}
	return new AppError('mcp-error', `The MCP server at ${host} failed: ${message}`, '', {
		cause: error
	});
}

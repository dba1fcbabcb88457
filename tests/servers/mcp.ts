// A remote MCP server built with the official SDK, over Streamable HTTP (stateless: one server
// and transport per request), for the MCP tools' tests. Two tools: `lookup_issue`, annotated
// read-only, and `create_note`, which writes (notes kept in memory). Every request is logged
// with its headers (for `leaks()` in forward.ts); `stopAfterCalls` closes the server right after
// that many tool calls were answered, standing in for a server that goes away mid-run.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';
import type { LoggedRequest } from './forward.ts';
import { listen, readBody, type ListenOptions } from './http-common.ts';

export type McpPeerOptions = ListenOptions & {
	/** When set, requests without `Authorization: Bearer <token>` are answered 401. */
	token?: string;
	stopAfterCalls?: number;
};

export type McpPeer = {
	url: string;
	requests: LoggedRequest[];
	calls: { tool: string; args: Record<string, unknown> }[];
	notes: string[];
	close(): Promise<void>;
};

export const ISSUES: Record<number, string> = {
	7: 'Issue 7: the login button does nothing on Safari. Label: bug.',
	8: 'Issue 8: add a dark theme. Label: feature.'
};

export async function startMcpServer(options: McpPeerOptions = {}): Promise<McpPeer> {
	const requests: LoggedRequest[] = [];
	const calls: McpPeer['calls'] = [];
	const notes: string[] = [];
	let stopped = false;

	function build(): McpServer {
		const server = new McpServer({ name: 'tracker', version: '1.0.0' });
		server.registerTool(
			'lookup_issue',
			{
				description: 'Reads one issue of the tracker by its number.',
				inputSchema: { id: z.number().int().describe('The issue number') },
				annotations: { readOnlyHint: true }
			},
			async ({ id }) => {
				calls.push({ tool: 'lookup_issue', args: { id } });
				const text = ISSUES[id];
				return text
					? { content: [{ type: 'text', text }] }
					: { content: [{ type: 'text', text: `No issue ${id}.` }], isError: true };
			}
		);
		server.registerTool(
			'create_note',
			{
				description: 'Adds a note to the tracker.',
				inputSchema: {
					text: z.string().describe('The note'),
					tags: z.array(z.string()).optional().describe('Labels for the note')
				},
				annotations: { readOnlyHint: false, destructiveHint: false }
			},
			async ({ text, tags }) => {
				calls.push({ tool: 'create_note', args: { text, ...(tags ? { tags } : {}) } });
				notes.push(text);
				return { content: [{ type: 'text', text: `Saved note #${notes.length}.` }] };
			}
		);
		return server;
	}

	async function handle(req: IncomingMessage, res: ServerResponse) {
		requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
		if (options.token && req.headers.authorization !== `Bearer ${options.token}`) {
			res.writeHead(401, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ error: 'unauthorized' }));
			return;
		}
		if (req.method !== 'POST') {
			// Stateless: no server-initiated stream to open, no session to end.
			res.writeHead(405, { allow: 'POST' }).end();
			return;
		}
		const body = JSON.parse((await readBody(req)).toString('utf8') || 'null') as unknown;
		const server = build();
		const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
		res.on('close', () => {
			void transport.close();
			void server.close();
			const isCall =
				typeof body === 'object' &&
				body !== null &&
				(body as { method?: string }).method === 'tools/call';
			if (isCall && options.stopAfterCalls !== undefined && calls.length >= options.stopAfterCalls)
				void stop();
		});
		await server.connect(transport);
		await transport.handleRequest(req, res, body);
	}

	const running = await listen(handle, 0, options);
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		await running.close();
	};
	return { url: `${running.url}/mcp`, requests, calls, notes, close: stop };
}

// An MCP server's token is a per-host credential like a git host's: sent only to its host, never
// the GitHub token; and its origin joins the page's connect-src.
import { describe, expect, it } from 'vitest';
import {
	decideCredential,
	mcpAuthorization,
	type Credentials
} from '../../../src/lib/core/credentials/index.ts';
import { connectSources } from '../../../src/lib/core/network/index.ts';

const credentials: Credentials = {
	github: { token: 'ghp_github', apiBase: 'https://api.github.com' },
	gitHosts: [
		{ host: 'mcp.example.com', username: '', token: 'mcp-token', proxyMayCarry: false },
		{ host: '127.0.0.1:4100', username: '', token: 'local-token', proxyMayCarry: false }
	]
};

describe('MCP credentials', () => {
	it("go only to the server's own host, over https (or loopback)", () => {
		expect(
			[
				'https://mcp.example.com/mcp',
				'https://mcp.example.com:8443/mcp',
				'http://mcp.example.com/mcp',
				'https://evil.example/mcp',
				'https://mcp.example.com@evil.example/mcp',
				'http://127.0.0.1:4100/mcp',
				'http://127.0.0.1:4101/mcp',
				'https://api.github.com/mcp'
			].map((url) => mcpAuthorization(url, credentials))
		).toEqual(['Bearer mcp-token', null, null, null, null, 'Bearer local-token', null, null]);
		expect(
			decideCredential('https://api.github.com/mcp', credentials, { use: 'mcp' }).credential
		).toBeNull();
	});

	it("join the page's connect-src with their origin", () => {
		const sources = connectSources({
			model: { baseURL: 'https://api.openai.com/v1' },
			github: { apiBase: '' },
			git: { corsProxy: '' },
			tools: {
				mcpServers: [
					{ url: 'https://mcp.example.com/mcp' },
					{ url: 'http://127.0.0.1:4100/mcp' },
					{ url: 'nope' }
				]
			}
		});
		expect(sources.slice(0, 4)).toEqual([
			"'self'",
			'https://api.openai.com',
			'https://mcp.example.com',
			'http://127.0.0.1:4100'
		]);
	});
});

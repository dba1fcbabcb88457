import { expect, test, type Page } from '@playwright/test';
import { configure, createEnvironment, modelScript, screenshot } from './peers.ts';

// Prices of the test's own model, set in Settings → Costs: $2 in, $0.50 cached in, $8 out per
// million tokens. The scripted server runs on 127.0.0.1, where an unlisted model costs nothing;
// a listed price applies wherever the model runs.
const MODEL = 'priced-model';

/** Adds MODEL's price in Settings → Costs and saves. */
async function addPrice(page: Page) {
	await page.goto('/#/settings');
	const card = page.getByRole('region', { name: 'Costs' });
	await card.getByRole('button', { name: 'Add a price' }).click();
	await card
		.getByRole('textbox', { name: /^Model id \d+$/ })
		.last()
		.fill(MODEL);
	await card.getByLabel(`Input price of ${MODEL}`, { exact: true }).fill('2');
	await card.getByLabel(`Cached input price of ${MODEL}`).fill('0.5');
	await card.getByLabel(`Output price of ${MODEL}`).fill('8');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await page.getByText('Saved', { exact: true }).waitFor();
}

test('a scripted conversation with known usage shows its cost per turn, attempt and task', async ({
	page
}) => {
	const { baseURL } = await modelScript({
		turns: [
			{
				toolCalls: [{ name: 'shell', arguments: { command: 'ls' } }],
				usage: { promptTokens: 10_000, completionTokens: 1_000 }
			},
			{
				toolCalls: [{ name: 'shell', arguments: { command: 'cat package.json' } }],
				usage: {
					promptTokens: 20_000,
					completionTokens: 500,
					cachedTokens: 10_000,
					reasoningTokens: 200
				}
			},
			{
				content: 'Looked around; nothing to change.',
				usage: { promptTokens: 30_000, completionTokens: 2_000, cachedTokens: 20_000 }
			}
		]
	});
	await configure(page, { modelBaseURL: baseURL, modelApiKey: '', model: MODEL });
	await addPrice(page);
	await createEnvironment(page, 'acme/ts-failing-test');
	await page.goto('/');
	await page.getByRole('textbox', { name: 'Task' }).fill('Look around the repository');
	await page.getByRole('button', { name: 'Code', exact: true }).click();
	await expect(page).toHaveURL(/#\/tasks\/[a-f0-9]{16}$/);
	await expect(page.getByTestId('final')).toHaveAttribute('data-reason', 'done');

	// By hand: turn 1 = 10,000 × $2 + 1,000 × $8 = $0.028; turn 2 = 10,000 fresh × $2 + 10,000
	// cached × $0.50 + 500 × $8 (the 200 reasoning tokens are inside the 500) = $0.029; turn 3 =
	// 10,000 × $2 + 20,000 × $0.50 + 2,000 × $8 = $0.046; the attempt and the task: $0.103.
	const summary = page.getByTestId('cost-summary');
	await expect(summary.getByTestId('attempt-cost')).toHaveText('Attempt: $0.103');
	await expect(summary.getByTestId('task-cost')).toHaveText('Task: $0.103');
	// The last reply filled 32,000 of the 128,000-token window assumed for an unknown model.
	await expect(summary.getByTestId('context-fill')).toHaveText('Context 25%');
	await page.getByText('Cost per turn').click();
	const turns = page.getByRole('table', { name: 'Cost per turn' }).getByRole('row');
	await expect(turns).toHaveCount(4);
	const cells = (row: number) => turns.nth(row).getByRole('cell');
	await expect(cells(1)).toHaveText(['1', MODEL, '10,000 in · 1,000 out', '$0.028']);
	await expect(cells(2)).toHaveText([
		'2',
		MODEL,
		'20,000 in (10,000 cached) · 500 out (200 reasoning)',
		'$0.029'
	]);
	await expect(cells(3)).toHaveText([
		'3',
		MODEL,
		'30,000 in (20,000 cached) · 2,000 out',
		'$0.046'
	]);
	await screenshot(page, 'cost-task');

	await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	const listed = page.getByRole('list', { name: 'Tasks' }).getByRole('listitem').first();
	await expect(listed.getByTestId('task-list-cost')).toHaveText('$0.103');

	await page.goto('/#/settings');
	const byModel = page.getByRole('table', { name: 'Spend by model' }).getByRole('row');
	await expect(byModel.filter({ hasText: MODEL }).getByRole('cell')).toHaveText([
		MODEL,
		'3',
		'60,000',
		'3,500',
		'$0.103'
	]);
	await screenshot(page, 'cost-settings');
});

test('a budget smaller than the conversation stops it before the turn that would cross it; a raised budget finishes it', async ({
	page
}) => {
	const { baseURL, id } = await modelScript({
		turns: [
			{
				toolCalls: [{ name: 'shell', arguments: { command: 'ls' } }],
				usage: { promptTokens: 10_000, completionTokens: 1_000 }
			},
			{
				toolCalls: [{ name: 'shell', arguments: { command: 'cat package.json' } }],
				usage: { promptTokens: 11_000, completionTokens: 500 }
			},
			{
				expect: { lastMessage: { role: 'user', equals: 'Go on.' } },
				content: 'Finished.',
				usage: { promptTokens: 12_000, completionTokens: 500 }
			}
		]
	});
	await configure(page, { modelBaseURL: baseURL, modelApiKey: '', model: MODEL });
	await addPrice(page);
	await createEnvironment(page, 'acme/ts-failing-test');
	await page.goto('/');
	await page.getByRole('textbox', { name: 'Task' }).fill('Read the package');
	await page.getByLabel('Budget', { exact: true }).selectOption('usd');
	await page.getByLabel('Budget in dollars').fill('0.06');
	await screenshot(page, 'cost-composer-budget');
	await page.getByRole('button', { name: 'Code', exact: true }).click();
	await expect(page).toHaveURL(/#\/tasks\/[a-f0-9]{16}$/);

	// Turn 1 costs $0.028 and turn 2 $0.026 ($0.054 in all); the third request would carry about
	// 11,500 tokens of history and more ($0.023 at least): past $0.06, so it is never sent.
	const final = page.getByTestId('final');
	await expect(final).toHaveAttribute('data-reason', 'budget');
	await expect(final.locator('.reason')).toHaveText(
		/^Budget reached: the next turn would bring the spend to about \$0\.07\d+ of the \$0\.06 budget\. The work so far is kept; a follow-up with a raised budget goes on\.$/
	);
	await expect(page.getByTestId('attempt-cost')).toHaveText('Attempt: $0.054');
	await expect(
		page.getByRole('list', { name: 'Attempt log' }).getByTestId('tool-call')
	).toHaveCount(2);
	await screenshot(page, 'cost-budget-reached');

	const budget = page.getByTestId('task-budget');
	await expect(budget).toContainText('Budget: $0.06');
	await budget.getByRole('button', { name: 'Change budget' }).click();
	await budget.getByLabel('Task budget in dollars').fill('1');
	await budget.getByRole('button', { name: 'Save budget' }).click();
	await expect(budget).toContainText('Budget: $1.00');
	await page.getByLabel('Follow-up').fill('Go on.');
	await page.getByRole('button', { name: 'Send' }).click();
	await expect(page.getByTestId('final').last()).toHaveAttribute('data-reason', 'done');
	await expect(page.getByTestId('final').last()).toContainText('Finished.');
	// $0.054 + 12,000 × $2 + 500 × $8 per million = $0.082.
	await expect(page.getByTestId('attempt-cost')).toHaveText('Attempt: $0.082');

	const state = (await (
		await fetch(`${baseURL.replace(/\/s\/[^/]+\/v1$/, '')}/_scripts/${id}`)
	).json()) as {
		mismatches: unknown[];
		consumed: number;
	};
	expect(state.mismatches).toEqual([]);
	expect(state.consumed).toBe(3);
});

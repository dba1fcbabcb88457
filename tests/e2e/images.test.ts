import { expect, test, type Page } from '@playwright/test';
import { configure, createEnvironment, modelScript, screenshot } from './peers.ts';

/** Pastes a PNG drawn on a canvas ("Error 500" on red) into the element `selector`. */
async function pasteScreenshot(page: Page, selector: string) {
	await page.evaluate(async (target) => {
		const canvas = document.createElement('canvas');
		canvas.width = 240;
		canvas.height = 90;
		const g = canvas.getContext('2d')!;
		g.fillStyle = '#c62828';
		g.fillRect(0, 0, 240, 90);
		g.fillStyle = '#fff';
		g.font = 'bold 32px sans-serif';
		g.fillText('Error 500', 30, 58);
		const blob = await new Promise<Blob>((resolve) =>
			canvas.toBlob((b) => resolve(b!), 'image/png')
		);
		const data = new DataTransfer();
		data.items.add(new File([blob], 'screenshot.png', { type: 'image/png' }));
		const event = new ClipboardEvent('paste', {
			clipboardData: data,
			bubbles: true,
			cancelable: true
		});
		document.querySelector(target)!.dispatchEvent(event);
	}, selector);
}

// The smallest valid PNG, a 1×1 dot, for the follow-up.
const DOT = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64'
);

test('an image pasted into the composer reaches the model as an image part, shows in the log and survives a reload', async ({
	page
}) => {
	const { baseURL, id } = await modelScript({
		turns: [
			{
				expect: { lastMessage: { role: 'user', contains: 'What is wrong here?', images: 1 } },
				content: 'The page shows a server error (500).'
			},
			{
				expect: {
					lastMessage: { role: 'user', equals: 'And in this one?', images: 1 },
					// The first message keeps its picture when the conversation is rebuilt from the log.
					messages: { images: 2 }
				},
				content: 'A single dot.'
			}
		]
	});
	await configure(page, { modelBaseURL: baseURL, modelApiKey: '', model: 'vision-model' });
	await createEnvironment(page, 'acme/ts-failing-test');
	await page.goto('/');
	await page.getByRole('textbox', { name: 'Task' }).fill('What is wrong here?');
	await pasteScreenshot(page, '#prompt');
	const attachments = page.getByTestId('image-attachments').first();
	await expect(attachments.getByRole('img', { name: 'screenshot.png' })).toBeVisible();
	// Past the cap: refused with the reason, and the pasted image stays.
	await attachments.getByLabel('Attach images').setInputFiles({
		name: 'huge.png',
		mimeType: 'image/png',
		buffer: Buffer.alloc(5 * 1024 * 1024, 1)
	});
	await expect(attachments.getByRole('alert')).toHaveText(
		'huge.png is 5.0 MB; images are capped at 4.0 MB each. Crop or shrink it.'
	);
	await expect(attachments.getByRole('img')).toHaveCount(1);
	await screenshot(page, 'image-composer');

	await page.getByRole('button', { name: 'Ask', exact: true }).click();
	await expect(page).toHaveURL(/#\/tasks\/[a-f0-9]{16}$/);
	const log = page.getByRole('list', { name: 'Attempt log' });
	await expect(log.getByTestId('final')).toHaveAttribute('data-reason', 'done');
	await expect(log.getByRole('img', { name: 'screenshot.png' })).toBeVisible();
	// An unlisted model on the local peer costs nothing, and says so.
	await expect(page.getByTestId('attempt-cost')).toHaveText('Attempt: free (local model)');
	await expect(page.getByTestId('task-cost')).toHaveText('Task: free (local model)');
	await screenshot(page, 'image-log');

	await page.reload();
	await expect(log.getByRole('img', { name: 'screenshot.png' })).toBeVisible();
	await expect(log.getByRole('img', { name: 'screenshot.png' })).toHaveJSProperty(
		'naturalWidth',
		240
	);

	// A follow-up after the reload (its history rebuilt from the log) with a picture of its own.
	await page.getByLabel('Follow-up').fill('And in this one?');
	await page
		.getByLabel('Attach images')
		.setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: DOT });
	await expect(page.getByRole('img', { name: 'dot.png' })).toBeVisible();
	await page.getByRole('button', { name: 'Send' }).click();
	await expect(log.getByTestId('final').last()).toContainText('A single dot.');
	await expect(log.getByRole('img', { name: 'dot.png' })).toBeVisible();

	await page.getByRole('button', { name: 'Share link…' }).click();
	await expect(page.getByTestId('share')).toContainText(
		'Images sent with the task or its follow-ups are not included either.'
	);

	const state = (await (
		await fetch(`${baseURL.replace(/\/s\/[^/]+\/v1$/, '')}/_scripts/${id}`)
	).json()) as {
		mismatches: unknown[];
		consumed: number;
	};
	expect(state.mismatches).toEqual([]);
	expect(state.consumed).toBe(2);

	// After the follow-up, and in the task list: the task's total is worded as the attempt's.
	await expect(page.getByTestId('attempt-cost')).toHaveText('Attempt: free (local model)');
	await expect(page.getByTestId('task-cost')).toHaveText('Task: free (local model)');
	await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	const listed = page.getByRole('list', { name: 'Tasks' }).getByRole('listitem').first();
	await expect(listed.getByTestId('task-list-cost')).toHaveText('free (local model)');
	await screenshot(page, 'image-task-list');
});

test('a model that refuses images gets an error naming it', async ({ page }) => {
	const { baseURL } = await modelScript({
		turns: [
			{
				expect: { lastMessage: { images: 1 } },
				error: { status: 400, message: 'This model does not support image input.' }
			}
		]
	});
	await configure(page, { modelBaseURL: baseURL, modelApiKey: '', model: 'text-only-model' });
	await createEnvironment(page, 'acme/ts-failing-test');
	await page.goto('/');
	await page.getByRole('textbox', { name: 'Task' }).fill('Explain this');
	await page
		.getByLabel('Attach images')
		.first()
		.setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: DOT });
	await page.getByRole('button', { name: 'Ask', exact: true }).click();
	const final = page.getByTestId('final');
	await expect(final).toHaveAttribute('data-reason', 'error');
	await expect(final).toContainText(
		'The model text-only-model refused a request with images (The model server rejected the request: 400 This model does not support image input). Choose a model that reads images in Settings → Model, or send the message without them.'
	);
});

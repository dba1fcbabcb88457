// The Lite preview: the agent writes a static page (HTML, a stylesheet, a PNG); the task page
// shows it in a frame served by the service worker, with the page's own script proving what it
// cannot do there: read the app's storage, fetch any URL, reach the app's window.
import { expect, test } from '@playwright/test';
import { configure, createEnvironment, modelScript, peer, screenshot } from './peers.ts';

const PNG_RED_1X1 =
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

function addFile(path: string, text: string) {
	const lines = text.split('\n').map((line) => `+${line}`);
	return ['*** Begin Patch', `*** Add File: ${path}`, ...lines, '*** End Patch'].join('\n');
}

test('the agent builds a static page; Preview shows it, and the page can reach nothing', async ({
	page
}) => {
	const leak = `${peer('github')}/preview-leak?secret=1`;
	const html = [
		'<!doctype html>',
		'<html><head><link rel="stylesheet" href="style.css"><title>Shop</title></head>',
		'<body><h1 id="title">Hello from the preview</h1>',
		'<img id="dot" src="img/dot.png" alt="red dot" width="48" height="48">',
		'<p id="probe">script did not run</p>',
		'<script>',
		'(async () => {',
		"  const out = ['script ran'];",
		"  try { indexedDB.open('patchbay'); out.push('idb:open'); } catch (e) { out.push('idb:' + e.name); }",
		"  try { localStorage.getItem('x'); out.push('storage:read'); } catch (e) { out.push('storage:' + e.name); }",
		"  try { out.push('parent:' + window.parent.document.title); } catch (e) { out.push('parent:' + e.name); }",
		`  try { await fetch(${JSON.stringify(leak)}); out.push('fetch:ok'); } catch (e) { out.push('fetch:' + e.name); }`,
		"  document.getElementById('probe').textContent = out.join(' · ');",
		'})();',
		'</script></body></html>'
	].join('\n');
	const css =
		'body { background: #fff8e1; font-family: sans-serif; }\nh1 { color: rgb(0, 128, 0); }';
	const { baseURL } = await modelScript({
		turns: [
			{ toolCalls: [{ name: 'apply_patch', arguments: { input: addFile('index.html', html) } }] },
			{ toolCalls: [{ name: 'apply_patch', arguments: { input: addFile('style.css', css) } }] },
			{
				toolCalls: [
					{
						name: 'shell',
						arguments: { command: `mkdir -p img && echo ${PNG_RED_1X1} | base64 -d > img/dot.png` }
					}
				]
			},
			{ content: 'The page is ready: index.html, style.css and img/dot.png.' }
		]
	});
	const requested: string[] = [];
	page.on('request', (request) => requested.push(request.url()));
	await configure(page, { modelBaseURL: baseURL, model: 'scripted-model' });
	await createEnvironment(page, 'acme/empty-ish');
	await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	await page.getByRole('textbox', { name: 'Task' }).fill('Make a one-page shop');
	await page.getByRole('button', { name: 'Code', exact: true }).click();
	await expect(page.getByTestId('final')).toContainText('The page is ready');

	const panel = page.getByTestId('preview-panel');
	await expect(panel.getByTestId('preview-frame')).toBeVisible();
	const frame = page.frameLocator('[data-testid="preview-frame"]');
	await expect(frame.locator('#title')).toHaveText('Hello from the preview');
	await expect(frame.locator('#title')).toHaveCSS('color', 'rgb(0, 128, 0)');
	await expect(frame.locator('body')).toHaveCSS('background-color', 'rgb(255, 248, 225)');
	await expect
		.poll(() => frame.locator('#dot').evaluate((img: HTMLImageElement) => img.naturalWidth))
		.toBe(1);
	await expect(frame.locator('#probe')).toHaveText(
		'script ran · idb:SecurityError · storage:SecurityError · parent:SecurityError · fetch:TypeError'
	);
	// The frame's origin is opaque, and nothing left for the leak URL.
	expect(await frame.locator('body').evaluate(() => self.origin)).toBe('null');
	expect(requested.filter((url) => url.includes('preview-leak'))).toEqual([]);
	await expect(panel.getByTestId('preview-url')).toHaveText(/^\/__preview\/[^/]+\/index\.html$/);
	await panel.scrollIntoViewIfNeeded();
	await screenshot(page, 'preview-lite');
	await panel.screenshot({ path: 'test-results/screenshots/preview-lite-panel.png' });
});

// The model before the files: a task on a 3,000-file repository reaches the model while the
// checkout is still running, and a command waits for the files instead of failing; a setup
// script still runs on the whole tree.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { repoName } from '../../bench/fixture-repos.ts';
import { DEFAULT_SEED, generateTree } from '../../bench/fixture-tree.ts';
import { startRawCdn } from '../../bench/raw-cdn.ts';
import { createBareRepo, type FileTree } from '../fixtures/bare-repo.ts';
import type { RunningServer } from '../servers/http-common.ts';
import { configure, githubControl, modelScript, peer, screenshot } from './peers.ts';

// The bench's medium repository, so the bench's raw-content stand-in serves its generated files
// from memory (the GitHub peer runs `git` for each raw request: 3,000 of them take minutes on a
// loaded machine); AGENTS.md and the needle are not generated, so the peer serves those, and its
// delay fault holds the needle.
const REPO = `acme/${repoName('medium')}`;
const NEEDLE_PATH = 'deep/a/b/c/d/e/f/needle.txt';
const NEEDLE = 'the needle: 7f3a9c, deep in the tree\n';
const AGENTS_MARK = 'Cold-start rule: answer in one line.';
/** The needle's raw request is held this long: the checkout cannot finish before it. */
const HELD_MS = 8_000;
const NEEDLE_RAW = `/raw/${REPO}/[0-9a-f]{40}/${NEEDLE_PATH.replaceAll('.', '\\.')}$`;

/** The bench's 3,000-file tree, an AGENTS.md at the root and a file six folders down. */
function tree(): FileTree {
	const files: FileTree = Object.fromEntries(
		generateTree('medium', DEFAULT_SEED).map((file) => [file.path, file.bytes])
	);
	files['AGENTS.md'] = `# Agents\n\n${AGENTS_MARK}\n`;
	files[NEEDLE_PATH] = NEEDLE;
	return files;
}
const fileCount = Object.keys(tree()).length;

test.describe.configure({ mode: 'serial', timeout: 180_000 });
const CHECKOUT_MS = 120_000;

/** The GitHub API base the page is given: raw content from memory, the rest the peer's. */
let cdn: RunningServer;
test.beforeAll(async () => {
	const dir = join(peer('root'), `${REPO}.git`);
	const done = join(dir, 'cold-start-complete');
	if (!existsSync(done)) {
		await createBareRepo(dir, [{ message: 'A 3,000-file tree', files: tree() }]);
		await writeFile(done, '');
	}
	cdn = await startRawCdn(peer('github'), DEFAULT_SEED);
});
test.afterAll(() => cdn?.close());

type Logged = { method: string; path: string; status: number };
const rawOf = (requests: Logged[], pattern: string) =>
	requests.filter((r) => new RegExp(pattern).test(r.path));

/** Settings, then the repository pasted in the composer (the WebContainer's host refused). */
async function paste(page: Page, baseURL: string) {
	await page
		.context()
		.route('https://stackblitz.com/**', (route) => route.abort('internetdisconnected'));
	await configure(page, {
		modelBaseURL: baseURL,
		modelApiKey: '',
		model: 'scripted-model',
		githubApiBase: cdn.url
	});
	await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	await page.getByRole('textbox', { name: 'Repository' }).fill(REPO);
	await page.getByRole('button', { name: 'Use', exact: true }).click();
	await expect(page.getByTestId('setup-proposal')).toBeVisible();
}

test('the first model request goes out while the checkout runs; cat of a deep file waits for it and reads it right', async ({
	page
}) => {
	const { baseURL, id } = await modelScript({
		turns: [
			{
				// The root AGENTS.md is in the first request: it was fetched ahead of the tree.
				expect: { systemContains: AGENTS_MARK },
				toolCalls: [{ name: 'shell', arguments: { command: `cat ${NEEDLE_PATH}` } }]
			},
			{
				expect: { lastMessage: { role: 'tool', contains: NEEDLE.trim() } },
				content: 'Found the needle.'
			}
		]
	});
	const before = ((await githubControl('requests')) as Logged[]).length;
	// Held from the paste on: the checkout the paste starts in the background is the one Code joins.
	await githubControl('faults', {
		method: 'POST',
		body: { pathPattern: NEEDLE_RAW, delayMs: HELD_MS }
	});
	await paste(page, baseURL);
	await page.getByRole('textbox', { name: 'Task' }).fill('Read the needle');
	await page.getByRole('button', { name: 'Code', exact: true }).click();
	await expect(page).toHaveURL(/#\/tasks\/[a-f0-9]{16}$/);

	// The model has its first request while the needle's raw request is still held: the
	// checkout has not finished (a request is logged by the peer when its answer is sent).
	await expect
		.poll(
			async () =>
				((await (await fetch(`${peer('model')}/_scripts/${id}`)).json()).requests as unknown[])
					.length
		)
		.toBeGreaterThanOrEqual(1);
	const atFirstRequest = ((await githubControl('requests')) as Logged[]).slice(before);
	expect(rawOf(atFirstRequest, NEEDLE_RAW)).toEqual([]);
	const log = page.getByRole('list', { name: 'Attempt log' });
	await expect(log.locator('[data-step="checkout"]')).toHaveAttribute('data-status', 'running');
	await expect(log.locator('[data-step="sandbox"]')).toContainText(
		'first; the rest as the checkout brings them'
	);
	await screenshot(page, 'cold-start-agent-before-files');

	await expect(log.getByTestId('final')).toHaveAttribute('data-reason', 'done', {
		timeout: CHECKOUT_MS
	});
	await expect(log.locator('[data-step="checkout"]')).toHaveAttribute('data-status', 'done');
	await expect(log.locator('[data-step="checkout"]')).toContainText(`${fileCount} files at`);
	await expect(log).toContainText('Found the needle.');
	await screenshot(page, 'cold-start-done');

	const state = (await (await fetch(`${peer('model')}/_scripts/${id}`)).json()) as {
		mismatches: unknown[];
		consumed: number;
	};
	expect(state).toMatchObject({ mismatches: [], consumed: 2 });
	// One checkout for the paste and the task: the files the peer serves itself were fetched by
	// the proposal (AGENTS.md) and by one checkout (AGENTS.md again, the needle) — never twice.
	const requests = ((await githubControl('requests')) as Logged[]).slice(before);
	const raw = rawOf(requests, `^/raw/${REPO}/`).map((r) =>
		r.path.replace(/^.*\/[0-9a-f]{40}\//, '')
	);
	expect(raw).toEqual(['AGENTS.md', 'AGENTS.md', NEEDLE_PATH]);
});

test('a setup script runs on the whole tree, even while the files are slow to arrive', async ({
	page
}) => {
	const { baseURL } = await modelScript({ turns: [{ content: 'Set up.' }] });
	await githubControl('faults', {
		method: 'POST',
		body: { pathPattern: NEEDLE_RAW, delayMs: 3_000 }
	});
	await paste(page, baseURL);
	await page.getByTestId('setup-proposal').getByRole('textbox').fill('find . -type f | wc -l');
	await page.getByRole('textbox', { name: 'Task' }).fill('Count the files');
	await page.getByRole('button', { name: 'Code', exact: true }).click();
	const log = page.getByRole('list', { name: 'Attempt log' });
	await expect(log.getByTestId('final')).toHaveAttribute('data-reason', 'done', {
		timeout: CHECKOUT_MS
	});
	await expect(log.locator('[data-step="setup"]')).toContainText('exit code 0');
	await log.getByText('Setup output').click();
	await expect(log.locator('pre.setup')).toHaveText(new RegExp(`^\\s*${fileCount}\\s*$`));
	await screenshot(page, 'cold-start-setup-whole-tree');
});

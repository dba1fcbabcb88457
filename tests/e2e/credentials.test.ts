// Credentials belong to a host. With a GitHub token in Settings and a CORS proxy set, a git host
// named by a link, a pasted URL or a hand-made environment gets no credential at all — and the
// proxy carries none — while GitHub's API still gets its token, and a host's own token (Settings
// → Git hosts) reaches that host, through the proxy only when the user allowed it.
import { expect, test, type Page } from '@playwright/test';
import { encodeShare, type SharedTask } from '../../src/lib/core/share/index.ts';
import { leaks, tokenForms, type LoggedRequest } from '../servers/forward.ts';
import {
	HOSTILE_TOKEN,
	PEER_TOKEN,
	clearPeerLog,
	configure,
	githubControl,
	modelScript,
	peer,
	peerLog,
	screenshot
} from './peers.ts';

// The tests read and clear the same two peer logs.
test.describe.configure({ mode: 'serial' });

const hostile = () => peer('hostile');
const hostileHost = () => new URL(hostile()).host;
const basic = (token: string) =>
	`Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;

async function clearLogs() {
	await Promise.all([clearPeerLog('hostile'), clearPeerLog('corsProxy')]);
}

async function logs() {
	return { hostile: await peerLog('hostile'), proxy: await peerLog('corsProxy') };
}

/** Both logs hold requests (so the test could fail), and none carries any credential. */
async function expectContactedWithoutCredentials(options: { proxy: boolean }) {
	const seen = await logs();
	expect(seen.hostile.length).toBeGreaterThan(0);
	if (options.proxy) expect(seen.proxy.length).toBeGreaterThan(0);
	expect(leaks(seen.hostile, [PEER_TOKEN, HOSTILE_TOKEN])).toEqual([]);
	expect(leaks(seen.proxy, [PEER_TOKEN, HOSTILE_TOKEN])).toEqual([]);
}

/** Settings as the person has them: a model, a GitHub token, and (optionally) a CORS proxy. */
async function setUp(page: Page, options: { proxy: boolean }) {
	const { baseURL } = await modelScript({ turns: [{ content: 'Looked at it.' }] });
	await configure(page, {
		modelBaseURL: baseURL,
		model: 'scripted-model',
		githubToken: PEER_TOKEN,
		corsProxy: options.proxy ? peer('corsProxy') : ''
	});
}

/** Opens `path` in a new tab and lets it settle: whatever it would send by itself is sent. */
async function openUntouched(page: Page, path: string): Promise<Page> {
	const tab = await page.context().newPage();
	await tab.goto(path);
	await tab.waitForLoadState('networkidle');
	return tab;
}

const authRequiredHint = () =>
	`The repository may be private: add a token for ${hostileHost()} in Settings → Git hosts.`;

test('a start link names a git host but contacts nothing before Use; then no credential goes', async ({
	page
}) => {
	await setUp(page, { proxy: true });
	await clearLogs();
	const repo = `${hostile()}/case-a/x.git`;
	const tab = await openUntouched(page, `/#/new?repo=${encodeURIComponent(repo)}&prompt=Hi`);
	expect(await logs()).toEqual({ hostile: [], proxy: [] });
	await expect(tab.getByRole('textbox', { name: 'Repository' })).toHaveValue(repo);
	await expect(tab.getByTestId('link-repo')).toBeVisible();
	expect(await logs()).toEqual({ hostile: [], proxy: [] });
	await screenshot(tab, 'credentials-start-link');

	await tab.getByRole('button', { name: 'Use', exact: true }).click();
	const error = tab.getByTestId('paste-error');
	await expect(error).toHaveAttribute('data-code', 'auth-required');
	await expect(error).toContainText(authRequiredHint());
	await expectContactedWithoutCredentials({ proxy: true });
	await screenshot(tab, 'credentials-start-link-401');
});

test('a share link naming a git host contacts nothing before Run this task; then no credential goes', async ({
	page
}) => {
	await setUp(page, { proxy: true });
	const shared: SharedTask = {
		title: 'Look at the repository',
		repoUrl: `${hostile()}/case-b/x.git`,
		branch: 'main',
		mode: 'ask',
		prompt: 'Look at the repository',
		followUps: [],
		environment: {
			setupScript: '',
			envVarNames: [],
			setupSecretNames: [],
			network: { access: 'off', preset: 'none', domains: [], methods: 'read' },
			runtime: 'lite'
		}
	};
	await clearLogs();
	const tab = await openUntouched(page, `/#/share/${encodeShare(shared)}`);
	await expect(tab.getByRole('heading', { level: 1 })).toHaveText('Look at the repository');
	expect(await logs()).toEqual({ hostile: [], proxy: [] });

	await tab.getByRole('button', { name: 'Run this task' }).click();
	await expect(tab).toHaveURL(/#\/tasks\/[a-f0-9]{16}$/);
	const checkout = tab.locator('[data-step="checkout"]');
	await expect(checkout).toHaveAttribute('data-status', 'failed');
	await expectContactedWithoutCredentials({ proxy: true });
});

for (const proxy of [false, true]) {
	test(`a URL pasted in the composer gets no credential (${proxy ? 'through the CORS proxy' : 'directly'})`, async ({
		page
	}) => {
		await setUp(page, { proxy });
		await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
		await clearLogs();
		const input = page.getByRole('textbox', { name: 'Repository' });
		await input.fill(`${hostile()}/case-c/x.git`);
		expect(await logs()).toEqual({ hostile: [], proxy: [] });
		await input.press('Enter');
		const error = page.getByTestId('paste-error');
		await expect(error).toHaveAttribute('data-code', 'auth-required');
		await expect(error).toContainText(authRequiredHint());
		await expectContactedWithoutCredentials({ proxy });
		if (!proxy) expect(await peerLog('corsProxy')).toEqual([]);
	});
}

test('a hand-made environment naming a git host gets no credential on Look up', async ({
	page
}) => {
	await setUp(page, { proxy: true });
	await clearLogs();
	await page.goto('/#/environments/new');
	await page.getByLabel('Repository').fill(`${hostile()}/case-d/x.git`);
	await page.getByRole('button', { name: 'Look up' }).click();
	const error = page.getByTestId('repo-error');
	await expect(error).toHaveAttribute('data-code', 'auth-required');
	await expect(error).toContainText(authRequiredHint());
	await expectContactedWithoutCredentials({ proxy: true });
});

test('GitHub still gets its token: a private GitHub repository is pasted and a task runs', async ({
	page
}) => {
	await githubControl('repo-options', {
		method: 'POST',
		body: { owner: 'creds', repo: 'empty-ish', options: { private: true } }
	});
	try {
		await setUp(page, { proxy: true });
		await clearLogs();
		await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
		await page.getByRole('textbox', { name: 'Repository' }).fill('creds/empty-ish');
		await page.getByRole('button', { name: 'Use', exact: true }).click();
		await expect(page.getByTestId('setup-proposal')).toBeVisible();
		await page.getByRole('textbox', { name: 'Task' }).fill('Say what is here');
		await page.getByRole('button', { name: 'Ask', exact: true }).click();
		await expect(page.locator('[data-step="checkout"]')).toHaveAttribute('data-status', 'done');
		// GitHub repos go through its API: neither the proxy nor the other host saw anything.
		expect(await logs()).toEqual({ hostile: [], proxy: [] });
	} finally {
		await githubControl('repo-options', {
			method: 'POST',
			body: { owner: 'creds', repo: 'empty-ish', options: { private: false } }
		});
	}
});

/** Adds the hostile host's own token in Settings → Git hosts, as a person would. */
async function addHostToken(page: Page) {
	await page.goto('/#/settings');
	await page.waitForFunction(() => !document.querySelector('meta[data-patchbay-connect]'));
	await page.getByRole('button', { name: 'Add a git host' }).click();
	const row = page.getByTestId('git-host').last();
	await row.getByLabel('Host', { exact: true }).fill(hostileHost());
	await row.getByLabel('Token', { exact: true }).fill(HOSTILE_TOKEN);
	await screenshot(page, 'credentials-git-hosts');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await page.getByText('Saved', { exact: true }).waitFor();
}

async function setProxyMayCarry(page: Page, allowed: boolean) {
	await page.goto('/#/settings');
	await page.waitForFunction(() => !document.querySelector('meta[data-patchbay-connect]'));
	await page
		.getByTestId('git-host')
		.getByLabel('Let the CORS proxy carry this token')
		.setChecked(allowed);
	await page.getByRole('button', { name: 'Save settings' }).click();
	await page.getByText('Saved', { exact: true }).waitFor();
}

async function paste(page: Page, repo: string) {
	await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	const input = page.getByRole('textbox', { name: 'Repository' });
	await input.fill(repo);
	await input.press('Enter');
}

const carries = (requests: LoggedRequest[], token: string) =>
	requests.filter((r) => tokenForms(token).some((form) => JSON.stringify(r).includes(form)));

test("a host's own token from Settings → Git hosts reaches it directly, and through the proxy only when allowed", async ({
	page
}) => {
	await setUp(page, { proxy: false });
	await addHostToken(page);
	const repo = `${hostile()}/creds/empty-ish.git`;

	// Directly: asked without, then answered with its own token; the GitHub token never.
	await clearLogs();
	await paste(page, repo);
	await expect(page.getByTestId('setup-proposal')).toBeVisible();
	let seen = await logs();
	expect(seen.hostile.some((r) => r.headers.authorization === basic(HOSTILE_TOKEN))).toBe(true);
	expect(carries(seen.hostile, PEER_TOKEN)).toEqual([]);
	expect(seen.proxy).toEqual([]);

	// Through the proxy, not allowed to carry it: no token, and the error says how to allow it.
	await configure(page, { corsProxy: peer('corsProxy') });
	await clearLogs();
	await paste(page, repo);
	const error = page.getByTestId('paste-error');
	await expect(error).toHaveAttribute('data-code', 'auth-withheld');
	await expect(error).toContainText(`allow the proxy to carry the token for ${hostileHost()}`);
	await expectContactedWithoutCredentials({ proxy: true });

	// Allowed: the proxy carries the host's token (and still never the GitHub one).
	await setProxyMayCarry(page, true);
	await clearLogs();
	await paste(page, repo);
	await expect(page.getByTestId('setup-proposal')).toBeVisible();
	seen = await logs();
	expect(seen.proxy.some((r) => r.headers.authorization === basic(HOSTILE_TOKEN))).toBe(true);
	expect([...carries(seen.proxy, PEER_TOKEN), ...carries(seen.hostile, PEER_TOKEN)]).toEqual([]);
});

test('the first time a host asks, a token typed in the composer is kept for that host only', async ({
	page
}) => {
	await setUp(page, { proxy: false });
	await clearLogs();
	await paste(page, `${hostile()}/creds/binary-file.git`);
	const error = page.getByTestId('paste-error');
	await expect(error).toHaveAttribute('data-code', 'auth-required');
	await error.getByLabel(`Token for ${hostileHost()}`).fill(HOSTILE_TOKEN);
	await screenshot(page, 'credentials-ask-token');
	await error.getByRole('button', { name: 'Save and retry' }).click();
	await expect(page.getByTestId('setup-proposal')).toBeVisible();
	const seen = await logs();
	expect(seen.hostile.some((r) => r.headers.authorization === basic(HOSTILE_TOKEN))).toBe(true);
	expect(carries(seen.hostile, PEER_TOKEN)).toEqual([]);

	await page.goto('/#/settings');
	const row = page.getByTestId('git-host');
	await expect(row.getByLabel('Host', { exact: true })).toHaveValue(hostileHost());
	await expect(row.getByLabel('Let the CORS proxy carry this token')).not.toBeChecked();
});

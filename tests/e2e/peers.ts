// How an e2e test reaches the peers global-setup started, and drives them over HTTP.
import { expect, type Page } from '@playwright/test';
import type { LoggedRequest } from '../servers/forward.ts';

export const PEER_TOKEN = 'ghp_e2eTestToken0000000000000000000000';
/** The one password the hostile git host accepts (its own token, for Settings → Git hosts). */
export const HOSTILE_TOKEN = 'hostile-host-own-token-0000';
/** The GitLab peer's tokens: one with the `api` scope, one with `read_api` only. */
export const GITLAB_TOKEN = 'gitlab-e2e-api-scope-token-0000';
export const GITLAB_READ_TOKEN = 'gitlab-e2e-read-scope-token-000';
/** The Gitea peer's tokens: write:repository, and read:repository only. */
export const GITEA_TOKEN = 'gitea-e2e-write-scope-token-000';
export const GITEA_READ_TOKEN = 'gitea-e2e-read-scope-token-0000';

export const PEER_ENV = {
	root: 'PATCHBAY_PEER_ROOT',
	git: 'PATCHBAY_PEER_GIT',
	gitNoCors: 'PATCHBAY_PEER_GIT_NO_CORS',
	github: 'PATCHBAY_PEER_GITHUB',
	/** A GitLab API v4 peer (and smart HTTP) over the same bare repos. */
	gitlab: 'PATCHBAY_PEER_GITLAB',
	/** A Gitea/Forgejo API v1 peer (and smart HTTP) over the same bare repos. */
	gitea: 'PATCHBAY_PEER_GITEA',
	model: 'PATCHBAY_PEER_MODEL',
	/** A git host that always asks for credentials and logs every request's headers. */
	hostile: 'PATCHBAY_PEER_HOSTILE',
	/** A CORS proxy (cors.isomorphic-git.org's URL scheme) that logs every request's headers. */
	corsProxy: 'PATCHBAY_PEER_CORS_PROXY'
} as const;

export function peer(name: keyof typeof PEER_ENV): string {
	const value = process.env[PEER_ENV[name]];
	if (!value)
		throw new Error(`${PEER_ENV[name]} is not set: run through Playwright's global setup`);
	return value;
}

/** A fresh script session on the model peer; returns its OpenAI base URL. */
export async function modelScript(body: { turns: unknown[]; apiKey?: string; models?: string[] }) {
	const response = await fetch(`${peer('model')}/_scripts`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body)
	});
	if (!response.ok) throw new Error(`model peer refused the script: ${await response.text()}`);
	return (await response.json()) as { id: string; baseURL: string };
}

/** Saves a screenshot under test-results/screenshots for a person to look at. */
export async function screenshot(page: Page, name: string) {
	// From the top: a sticky header would otherwise sit mid-picture in a full-page shot.
	await page.evaluate(() => window.scrollTo(0, 0));
	await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

export type SettingsInput = {
	githubApiBase?: string;
	githubToken?: string;
	modelBaseURL?: string;
	modelApiKey?: string;
	model?: string;
	corsProxy?: string;
};

/** Fills in Settings through the page, as a person would, and saves. */
export async function configure(page: Page, input: SettingsInput) {
	await page.goto('/#/settings');
	// Entering Settings from a page holding the runtime connect-src policy reloads it (so Test
	// can reach endpoints not saved yet): fill the form only in the page without that policy.
	await page.waitForFunction(() => !document.querySelector('meta[data-patchbay-connect]'));
	if (input.modelBaseURL !== undefined)
		await page.getByLabel('Base URL', { exact: true }).fill(input.modelBaseURL);
	if (input.modelApiKey !== undefined) await page.getByLabel('API key').fill(input.modelApiKey);
	if (input.model !== undefined)
		await page.getByRole('combobox', { name: 'Model', exact: true }).fill(input.model);
	await page.getByLabel('API base URL').fill(input.githubApiBase ?? peer('github'));
	if (input.githubToken !== undefined)
		await page.getByLabel('Personal access token').fill(input.githubToken);
	if (input.corsProxy !== undefined) await page.getByLabel('CORS proxy URL').fill(input.corsProxy);
	await page.getByRole('button', { name: 'Save settings' }).click();
	await page.getByText('Saved', { exact: true }).waitFor();
}

/** Calls a control route of the GitHub peer (repo options, faults, request log). */
export async function githubControl(path: string, init?: { method?: string; body?: unknown }) {
	const response = await fetch(`${peer('github')}/_control/${path}`, {
		method: init?.method ?? 'GET',
		headers: { 'Content-Type': 'application/json' },
		body: init?.body === undefined ? undefined : JSON.stringify(init.body)
	});
	if (!response.ok)
		throw new Error(`GitHub peer control ${path}: ${response.status} ${await response.text()}`);
	return response.status === 204 ? null : ((await response.json()) as unknown);
}

export type EnvironmentInput = {
	setupScript?: string;
	/** Agent network on, no preset, these domains (one per line), these methods. */
	access?: { domains?: string; methods?: 'read' | 'all' };
	/**
	 * Domains listed with the agent's network left off: setup's network is the internet, which
	 * never includes local addresses, so a setup that reaches the local peers lists 127.0.0.1.
	 */
	domains?: string;
};

/** Creates an environment for `repo` on the Lite runtime through the page, as a person would. */
export async function createEnvironment(page: Page, repo: string, input: EnvironmentInput = {}) {
	await page.goto('/#/environments/new');
	await page.getByLabel('Repository').fill(repo);
	await page.getByRole('button', { name: 'Look up' }).click();
	// Earlier tests may have pushed branches: the count is not fixed.
	await expect(page.getByText(/^\d+ branch(es)?\b/)).toBeVisible();
	if (input.setupScript !== undefined)
		await page.getByLabel('Setup script').fill(input.setupScript);
	if (input.access) {
		await page.getByLabel('On', { exact: true }).check();
		await page.getByLabel('Allowed hosts').selectOption('none');
		await page.getByLabel('Extra domains').fill(input.access.domains ?? '');
		await page.getByLabel('Methods').selectOption(input.access.methods ?? 'read');
	} else if (input.domains !== undefined) {
		await page.getByLabel('Extra domains').fill(input.domains);
	}
	await page.getByLabel('Runtime').selectOption('lite');
	await page.getByRole('button', { name: 'Save environment' }).click();
	await expect(page).toHaveURL(/#\/environments\/[a-f0-9]{16}$/);
}

/** What the hostile git host or the CORS proxy received so far (headers as sent). */
export async function peerLog(name: 'hostile' | 'corsProxy'): Promise<LoggedRequest[]> {
	const response = await fetch(`${peer(name)}/_log`);
	if (!response.ok) throw new Error(`${name} peer log: ${response.status}`);
	return (await response.json()) as LoggedRequest[];
}

export async function clearPeerLog(name: 'hostile' | 'corsProxy'): Promise<void> {
	const response = await fetch(`${peer(name)}/_log`, { method: 'DELETE' });
	if (!response.ok) throw new Error(`${name} peer log: ${response.status}`);
}

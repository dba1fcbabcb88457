// The journey the forge e2e tests share (GitLab, Gitea, GitLab's archive checkout): fresh copies
// of the fixture repos on the shared peers, `git` over a bare repo, a peer's `_control` routes,
// a host added in Settings → Git hosts (with Test), and a pasted repository taken through setup
// into a Code task whose scripted model runs shell commands.
import { expect, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { buildFixtureRepos } from '../fixtures/build-repos.ts';
import { configure, modelScript, peer, screenshot } from './peers.ts';

export type ForgePeer = 'gitlab' | 'gitea';

let owners = 0;
/**
 * An owner no other test uses, `<prefix><pid>x<n><under>` (`/team` makes a GitLab subgroup):
 * tests on the shared peers never see each other's branches or requests.
 */
export const uniqueOwner = (prefix: string, under = '') =>
	`${prefix}${process.pid}x${++owners}${under}`;

/** A fresh copy of the fixture repos under a `uniqueOwner`. */
export async function freshOwner(prefix: string, under = ''): Promise<string> {
	const owner = uniqueOwner(prefix, under);
	await buildFixtureRepos(peer('root'), { owner });
	return owner;
}

/** `git --git-dir <gitDir> …`'s output, trimmed. */
export const git = (gitDir: string, ...args: string[]) =>
	execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8' }).trim();

/** The blob id git gives these bytes. */
export const blobId = (bytes: string | Buffer) =>
	execFileSync('git', ['hash-object', '--stdin'], { input: bytes, encoding: 'utf8' }).trim();

/** A `_control` route of a forge peer, as sent: GET, or POST with `body` as JSON. */
export function controlRequest(forge: ForgePeer, path: string, body?: unknown): Promise<Response> {
	return fetch(`${peer(forge)}/_control/${path}`, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
}

/** A `_control` route's JSON answer (null for 204); throws on any other failure. */
export async function control(forge: ForgePeer, path: string, body?: unknown): Promise<unknown> {
	const response = await controlRequest(forge, path, body);
	if (!response.ok) throw new Error(`${forge} peer ${path}: ${response.status}`);
	return response.status === 204 ? null : response.json();
}

/** Settings, once the page no longer holds the runtime connect-src policy (see `configure`). */
async function openSettings(page: Page) {
	await page.goto('/#/settings');
	await page.waitForFunction(() => !document.querySelector('meta[data-patchbay-connect]'));
}

async function saveSettings(page: Page) {
	await page.getByRole('button', { name: 'Save settings' }).click();
	await page.getByText('Saved', { exact: true }).waitFor();
}

export type GitHostInput = {
	kind: ForgePeer;
	token: string;
	/** What Test shows for this token. */
	check: string;
	/** A screenshot of the row after Test, under this name. */
	screenshot?: string;
};

/** Settings → Git hosts: the peer's host as `kind`, with `token`, tested and saved. */
export async function addGitHost(page: Page, host: GitHostInput) {
	await openSettings(page);
	await page.getByRole('button', { name: 'Add a git host' }).click();
	const row = page.getByTestId('git-host').last();
	await row.getByLabel('Host', { exact: true }).fill(new URL(peer(host.kind)).host);
	await row.getByLabel('Token', { exact: true }).fill(host.token);
	await row.getByLabel('Kind').selectOption(host.kind);
	await row.getByRole('button', { name: 'Test' }).click();
	await expect(row.getByTestId('git-host-check')).toContainText(host.check);
	if (host.screenshot) await screenshot(page, host.screenshot);
	await saveSettings(page);
}

/** Settings → Git hosts: the last host's token replaced by `token`, saved. */
export async function replaceHostToken(page: Page, token: string) {
	await openSettings(page);
	await page.getByTestId('git-host').last().getByLabel('Token', { exact: true }).fill(token);
	await saveSettings(page);
}

/** What the task's agent does in the journeys: an executable, a binary, a deletion, an edit. */
export const work = [
	'mkdir -p tools assets',
	"printf 'Now with tools.\\n' >> README.md",
	'rm docs/guide/intro.md',
	"printf '#!/bin/sh\\necho build\\n' > tools/build.sh",
	'chmod +x tools/build.sh',
	// just-bash's printf writes \377 as UTF-8; base64 gives the exact bytes.
	'echo AP8BUE5H | base64 -d > assets/blob.bin'
].join(' && ');

/** README.md of exec-and-symlink after `work`: the baseline's with one line more. */
export const workedReadme = (bare: string) =>
	`${git(bare, 'show', 'main:README.md')}\nNow with tools.\n`;

/**
 * `git ls-tree -r` of the branch `work` leaves on exec-and-symlink: the baseline's entries, the
 * deletion, the new executable and binary, the symlink kept — every mode and blob id from git.
 */
export function workedTree(bare: string): string[] {
	return [
		`100644 blob ${blobId(workedReadme(bare))}\tREADME.md`,
		`100644 blob ${blobId(Buffer.from([0, 255, 1, 80, 78, 71]))}\tassets/blob.bin`,
		`100755 blob ${git(bare, 'rev-parse', 'main:bin/run.sh')}\tbin/run.sh`,
		`120000 blob ${git(bare, 'rev-parse', 'main:link-to-readme')}\tlink-to-readme`,
		`100755 blob ${blobId('#!/bin/sh\necho build\n')}\ttools/build.sh`
	];
}

/** The model's turns for `work`, and with `followUp` the README line a follow-up asks for. */
export function workTurns(followUp: boolean): unknown[] {
	const turns: unknown[] = [
		{ toolCalls: [{ name: 'shell', arguments: { command: work } }] },
		{ content: 'Added a build script and a blob, dropped the intro.' }
	];
	if (followUp) {
		turns.push(
			{
				expect: { lastMessage: { role: 'user', contains: 'Also mention the blob' } },
				toolCalls: [
					{ name: 'shell', arguments: { command: "printf 'And a blob.\\n' >> README.md" } }
				]
			},
			{ content: 'Mentioned the blob in the README.' }
		);
	}
	return turns;
}

export type TaskInput = {
	host: GitHostInput;
	/** `owner/…/name` on the host's peer. */
	repo: string;
	/** The scripted model's turns (default: `workTurns(false)`). */
	turns?: unknown[];
	task?: string;
	/** What the changes panel says once the task is done (`4 files`). */
	changed?: string;
	/** The branch the paste proposes, checked when given. */
	branch?: string;
	/** A path the diff review shows, checked when given. */
	reviewShows?: string;
};

/**
 * Paste the repository, take the proposed setup, run a Code task with the scripted model.
 * Returns the changes panel and the model session's id (what the model saw: `scriptState`).
 */
export async function runTask(
	page: Page,
	input: TaskInput
): Promise<{ changes: Locator; scriptId: string }> {
	const { baseURL, id } = await modelScript({ turns: input.turns ?? workTurns(false) });
	await configure(page, { modelBaseURL: baseURL, model: 'scripted-model' });
	await addGitHost(page, input.host);
	await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
	await page
		.getByRole('textbox', { name: 'Repository' })
		.fill(`${peer(input.host.kind)}/${input.repo}`);
	await page.getByRole('button', { name: 'Use', exact: true }).click();
	await expect(page.getByTestId('setup-proposal')).toBeVisible();
	if (input.branch !== undefined) await expect(page.getByLabel('Branch')).toHaveValue(input.branch);
	await page.getByRole('textbox', { name: 'Task' }).fill(input.task ?? 'Add a build script');
	await page.getByRole('button', { name: 'Code', exact: true }).click();
	const changes = page.getByTestId('changes');
	await expect(changes).toContainText(input.changed ?? '4 files');
	if (input.reviewShows !== undefined)
		await expect(page.getByTestId('diff-review')).toContainText(input.reviewShows);
	return { changes, scriptId: id };
}

export type ScriptState = {
	mismatches: unknown[];
	consumed: number;
	requests: Array<{ messages: Array<{ role: string; content?: unknown }> }>;
};

/** What the model peer's session saw: every request, and any check that failed. */
export async function scriptState(id: string): Promise<ScriptState> {
	const response = await fetch(`${peer('model')}/_scripts/${id}`);
	if (!response.ok) throw new Error(`model peer session ${id}: ${response.status}`);
	return (await response.json()) as ScriptState;
}

/** The output of each shell call the model saw, in order (the tool results' `Output:` part). */
export function shellOutputs(state: ScriptState): string[] {
	const last = state.requests.at(-1)?.messages ?? [];
	return last
		.filter((m) => m.role === 'tool' && typeof m.content === 'string')
		.map((m) => {
			const text = m.content as string;
			const at = text.indexOf('\nOutput:\n');
			if (!text.startsWith('Exit code: 0\n') || at < 0)
				throw new Error(`a shell call failed or its output was cut:\n${text}`);
			return text.slice(at + '\nOutput:\n'.length);
		});
}

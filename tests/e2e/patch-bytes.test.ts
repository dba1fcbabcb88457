// A patch with text that is not UTF-8 (a Latin-1 file with CRLF lines) leaves the page with its
// bytes: the downloaded .patch and the copied `git apply` command both rebuild, with the real
// git, exactly the tree the attempt made; the review shows the file with � and says why.
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFixtureRepos } from '../fixtures/build-repos.ts';
import {
	configure,
	createEnvironment,
	modelScript,
	peer,
	PEER_TOKEN,
	screenshot
} from './peers.ts';

const LATIN1 = Buffer.from('caf\xe9 au lait\r\ncr\xe8me br\xfbl\xe9e\r\n', 'latin1');
const gitEnv = {
	...process.env,
	GIT_AUTHOR_NAME: 'u',
	GIT_AUTHOR_EMAIL: 'u@example.com',
	GIT_COMMITTER_NAME: 'u',
	GIT_COMMITTER_EMAIL: 'u@example.com'
};
const gitIn = (dir: string, ...args: string[]) =>
	execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', env: gitEnv }).trim();

/** empty-ish under a fresh owner, with a Latin-1 file committed on main. */
async function repoWithLatin1(work: string): Promise<{ repo: string; bare: string }> {
	const owner = `bytes${process.pid}`;
	await buildFixtureRepos(peer('root'), { owner });
	const bare = join(peer('root'), owner, 'empty-ish.git');
	const clone = join(work, 'seed');
	execFileSync('git', ['clone', '-q', bare, clone]);
	writeFileSync(join(clone, 'menu.txt'), LATIN1);
	gitIn(clone, 'add', 'menu.txt');
	gitIn(clone, 'commit', '-qm', 'A Latin-1 menu');
	gitIn(clone, 'push', '-q', 'origin', 'main');
	return { repo: `${owner}/empty-ish`, bare };
}

/** A clone of main with `apply` run in it; its files as path → hex. */
function appliedTree(bare: string, dir: string, apply: (checkout: string) => void) {
	execFileSync('git', ['clone', '-q', bare, dir]);
	apply(dir);
	gitIn(dir, 'add', '-A');
	return gitIn(dir, 'ls-files', '-s');
}

test('a Latin-1 file leaves as bytes: download and copied command rebuild the attempt', async ({
	page,
	context
}) => {
	const work = mkdtempSync(join(tmpdir(), 'patchbay-bytes-'));
	try {
		const { repo, bare } = await repoWithLatin1(work);
		const patch = [
			'*** Begin Patch',
			'*** Delete File: menu.txt',
			'*** Update File: README.md',
			'@@',
			'-A repo with nothing but this README.',
			'+A repo without its menu.',
			'*** End Patch'
		].join('\n');
		const { baseURL } = await modelScript({
			turns: [
				{ toolCalls: [{ name: 'apply_patch', arguments: { input: patch } }] },
				{ content: 'Done.' }
			]
		});
		await configure(page, {
			modelBaseURL: baseURL,
			model: 'scripted-model',
			githubToken: PEER_TOKEN
		});
		await createEnvironment(page, repo);
		await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
		await page.getByRole('textbox', { name: 'Task' }).fill('Drop the menu');
		await page.getByRole('button', { name: 'Code', exact: true }).click();
		const changes = page.getByTestId('changes');
		await expect(changes.getByRole('button', { name: 'Download .patch' })).toBeVisible();
		await expect(changes.getByTestId('patch-raw-bytes')).toContainText('not UTF-8');
		// The review decodes the bytes it cannot read as �; the patch keeps them.
		await expect(changes.getByText('caf� au lait')).toBeVisible();
		await screenshot(page, 'patch-bytes-latin1');
		// The file's rows themselves (a full-page shot from the top leaves them unrendered).
		await changes.getByText('caf� au lait').scrollIntoViewIfNeeded();
		await page.screenshot({ path: 'test-results/screenshots/patch-bytes-latin1-rows.png' });

		// What the attempt made, applied by git itself: README edited, the menu gone.
		const want = appliedTree(bare, join(work, 'want'), (dir) => {
			gitIn(dir, 'rm', '-q', 'menu.txt');
			writeFileSync(join(dir, 'README.md'), '# empty-ish\n\nA repo without its menu.\n');
		});
		expect(want).not.toContain('menu.txt');

		const downloading = page.waitForEvent('download');
		await changes.getByRole('button', { name: 'Download .patch' }).click();
		const patchFile = join(work, 'attempt.patch');
		await (await downloading).saveAs(patchFile);
		// The deleted lines are the file's own bytes, CRLF and Latin-1 é included.
		expect(readFileSync(patchFile).includes(Buffer.from('-caf\xe9 au lait\r\n', 'latin1'))).toBe(
			true
		);
		const downloaded = appliedTree(bare, join(work, 'download'), (dir) => {
			gitIn(dir, 'apply', '--check', patchFile);
			gitIn(dir, 'apply', patchFile);
		});
		expect(downloaded).toBe(want);

		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
		await changes.getByRole('button', { name: 'Copy git apply command' }).click();
		await expect(changes.getByRole('status')).toHaveText('Copied');
		const command = await page.evaluate(() => navigator.clipboard.readText());
		expect(command.split('\n')[0]).toBe("base64 --decode <<'PATCHBAY_EOF' | git apply");
		const pasted = appliedTree(bare, join(work, 'paste'), (dir) => {
			execFileSync('bash', ['-c', command], { cwd: dir });
		});
		expect(pasted).toBe(want);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
});

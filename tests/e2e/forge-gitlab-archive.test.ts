// A GitLab checkout big enough to take the repository archive, inside the app (its git worker,
// in Chromium) against the GitLab peer's real `git archive`: every file reaches the Lite sandbox
// as git has it (bytes, exec bit, symlink, a binary, a non-ASCII path), the archive is asked for
// once and only the file it leaves out (`export-ignore`) comes raw; with the archive cut short
// on the way, or a tar header in it broken, the checkout still completes through raw requests,
// with the same files.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { buildBareRepo, type FileTree } from '../fixtures/build-repos.ts';
import { control, git, runTask, scriptState, shellOutputs, uniqueOwner } from './forge-journey.ts';
import { GITLAB_TOKEN, peer, screenshot } from './peers.ts';

const IGNORED = 'secret-notes.txt';
const NON_ASCII = 'docs/naïve café — 名前.md';

/** 120 files: far past the 16 lacking blobs from which a checkout takes the archive. */
function manyFiles(): FileTree {
	const files: FileTree = {
		'README.md': '# Many files\n',
		'.gitattributes': `${IGNORED} export-ignore\n`,
		[IGNORED]: 'Left out of every archive, so fetched raw.\n',
		'bin/run.sh': { content: '#!/bin/sh\necho run\n', executable: true },
		'link-to-readme': { symlink: 'README.md' },
		// Every byte value, NUL and CR LF included: nothing may decode or normalise it.
		'assets/all-bytes.bin': Uint8Array.from({ length: 512 }, (_, i) => (i * 7) % 256),
		[NON_ASCII]: 'A path git quotes unless told not to.\n'
	};
	for (let n = 1; n <= 113; n++) {
		const name = `files/${String(n).padStart(3, '0')}.txt`;
		files[name] = `File ${n}\n`.repeat((n % 7) + 1);
	}
	return files;
}

/** The sandbox's view, as the two shell calls print it, from git's own tree of `main`. */
function expectedOutputs(bare: string): { sums: string[]; modes: string[] } {
	const sums: string[] = [];
	const modes: string[] = [];
	for (const line of git(bare, 'ls-tree', '-r', '-z', 'main').split('\0')) {
		if (!line) continue;
		const [meta, path] = line.split('\t') as [string, string];
		const [mode, , oid] = meta.split(' ') as [string, string, string];
		if (mode === '120000') continue; // `find -type f` passes symlinks over; readlink shows it
		const bytes = execFileSync('git', ['--git-dir', bare, 'cat-file', 'blob', oid]);
		sums.push(`${createHash('md5').update(bytes).digest('hex')}  ./${path}`);
		modes.push(`${mode === '100755' ? '755' : '644'} ./${path}`);
	}
	return { sums: sums.sort(), modes: modes.sort() };
}

const CHECK_FILES = 'find . -type f -exec md5sum {} +';
const CHECK_MODES = [
	"find . -type f -exec stat -c '%a %n' {} +",
	'readlink link-to-readme',
	`cat ${IGNORED}`,
	"printf 'Checked.\\n' >> README.md"
].join(' && ');

const sortedLines = (text: string) =>
	text
		.split('\n')
		.filter((line) => line !== '')
		.sort();

/** A project in a subgroup holding `manyFiles`; its path and bare repo. */
async function manyFilesProject(): Promise<{ project: string; bare: string }> {
	const group = uniqueOwner('ga', '/team');
	const bare = await buildBareRepo(peer('root'), group, 'many-files', manyFiles());
	return { project: `${group}/many-files`, bare };
}

/** Paste, setup, a Code task whose model prints every file and mode, then edits the README. */
async function checkSandbox(page: Page, project: string, bare: string) {
	const { scriptId } = await runTask(page, {
		host: { kind: 'gitlab', token: GITLAB_TOKEN, check: 'Signed in as tanuki · scopes: api.' },
		repo: project,
		task: 'Check every file',
		turns: [
			{ toolCalls: [{ name: 'shell', arguments: { command: CHECK_FILES } }] },
			{ toolCalls: [{ name: 'shell', arguments: { command: CHECK_MODES } }] },
			{ content: 'Every file is there.' }
		],
		branch: 'main',
		changed: '1 file',
		reviewShows: 'README.md'
	});
	const state = await scriptState(scriptId);
	expect(state).toMatchObject({ mismatches: [], consumed: 3 });
	const [sums, rest] = shellOutputs(state) as [string, string];
	const expected = expectedOutputs(bare);
	expect(expected.sums).toHaveLength(119); // 120 entries, one a symlink
	expect(sortedLines(sums)).toEqual(expected.sums);
	expect(sums).toContain(`./${NON_ASCII}`);
	const lines = rest.split('\n');
	const modes = lines.slice(0, expected.modes.length);
	expect(modes.sort()).toEqual(expected.modes);
	expect(lines.slice(expected.modes.length).join('\n')).toBe(
		`README.md\n${git(bare, 'show', `main:${IGNORED}`)}\n`
	);
}

type Logged = { method: string; path: string; status: number };

/** This project's archive requests and raw blob requests, from the peer's log. */
async function fetchesOf(project: string) {
	const log = (await control('gitlab', 'requests')) as Logged[];
	const api = `/api/v4/projects/${encodeURIComponent(project)}/`;
	const mine = log.filter((r) => r.path.startsWith(api) || r.path.startsWith(`/${project}`));
	return {
		api,
		smartHttp: mine.filter((r) => /info\/refs|git-upload-pack/.test(r.path)),
		archives: mine
			.filter((r) => r.path.startsWith(`${api}repository/archive`))
			.map((r) => `${r.method} ${r.status} ${r.path}`),
		raw: mine.flatMap((r) => /\/repository\/blobs\/([0-9a-f]{40})\/raw$/.exec(r.path)?.[1] ?? [])
	};
}

test('a GitLab project of 120 files comes from its archive: every file in the sandbox as git has it, only the export-ignored one raw', async ({
	page
}) => {
	const { project, bare } = await manyFilesProject();
	await checkSandbox(page, project, bare);
	await screenshot(page, 'forge-gitlab-archive-task');
	// The review's rows are drawn near the viewport only: a full-page shot leaves them blank.
	await page.getByTestId('diff-review').getByText('Checked.').scrollIntoViewIfNeeded();
	await page
		.getByTestId('changes')
		.screenshot({ path: 'test-results/screenshots/forge-gitlab-archive-review.png' });

	const { api, smartHttp, archives, raw } = await fetchesOf(project);
	const commit = git(bare, 'rev-parse', 'main');
	expect(smartHttp).toEqual([]);
	expect(archives).toEqual([
		`GET 200 ${api}repository/archive.tar.gz?sha=${commit}&include_lfs_blobs=false`
	]);
	expect(raw).toEqual([git(bare, 'rev-parse', `main:${IGNORED}`)]);
});

test('a GitLab archive cut short on the way: the checkout completes through raw requests, the files exact', async ({
	page
}) => {
	const { project, bare } = await manyFilesProject();
	// The next archive the peer sends (this test's: the other tests' projects are too small to
	// take one) stops half-way, with a success's status, as a proxy cutting a download would.
	await control('gitlab', 'archive-damage', { damage: 'truncate' });
	await checkSandbox(page, project, bare);

	const { api, archives, raw } = await fetchesOf(project);
	const commit = git(bare, 'rev-parse', 'main');
	expect(archives).toEqual([
		`GET 200 ${api}repository/archive.tar.gz?sha=${commit}&include_lfs_blobs=false`
	]);
	// What the archive delivered before the cut was kept; each other blob was asked for once.
	const listed = new Set(git(bare, 'ls-tree', '-r', '--object-only', 'main').split('\n'));
	expect(new Set(raw).size).toBe(raw.length);
	expect(raw.every((oid) => listed.has(oid))).toBe(true);
	expect(raw).toContain(git(bare, 'rev-parse', `main:${IGNORED}`));
	expect(raw.length).toBeGreaterThan(1);
	expect(raw.length).toBeLessThan(listed.size);
});

test('a GitLab archive with a broken tar header: the files before it are kept, exactly the rest comes raw', async ({
	page
}) => {
	const { project, bare } = await manyFilesProject();
	// The peer breaks the header of the archive's last regular file: the reader must stop there.
	await control('gitlab', 'archive-damage', { damage: 'bad-tar-header' });
	await checkSandbox(page, project, bare);

	const { archives, raw } = await fetchesOf(project);
	expect(archives).toHaveLength(1);
	// `git archive` writes the tree in `git ls-tree -r` order, less the export-ignored file: the
	// blobs from its last regular file on never arrive, so they and the ignored one come raw.
	const archived = git(bare, 'ls-tree', '-r', 'main')
		.split('\n')
		.map((line) => line.split(/\s+/))
		.filter((fields) => fields[3] !== IGNORED);
	const lastRegular = archived.findLastIndex(([mode]) => mode !== '120000');
	const expected = [
		...archived.slice(lastRegular).map((fields) => fields[2]),
		git(bare, 'rev-parse', `main:${IGNORED}`)
	];
	expect([...raw].sort()).toEqual(expected.sort());
});

// Every forge's checkout gives a baseline whose commit info is the commit object's own: a commit
// whose author and committer differ, each in their own zone (:45 and :30 offsets, either side of
// UTC), and whose message has no final newline. Built with the real git in a bare repository
// served by the GitHub peer (REST, and GraphQL with a token), the GitLab peer and git
// http-backend; the expectation is read from `git cat-file commit` on that repository, and a
// Lite sandbox made from the baseline prints `git log -1 --format=fuller` as the real git does.
// A baseline saved before baselines kept commit info gets it back: from the branch answer
// (REST forges, saved again), or from the commit object in the store (smart HTTP).
import 'fake-indexeddb/auto';
import LightningFS from '@isomorphic-git/lightning-fs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PromiseFsClient } from 'isomorphic-git';
import http from 'isomorphic-git/http/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credentials } from '../../../src/lib/core/credentials/index.ts';
import { checkout } from '../../../src/lib/core/forge/index.ts';
import { parseRepoInput, type Baseline, type RepoRef } from '../../../src/lib/core/git/index.ts';
import type { CommitInfo } from '../../../src/lib/core/git/commit-info.ts';
import {
	loadBaseline,
	readBlob,
	saveBaseline,
	type ObjectStore
} from '../../../src/lib/core/git/object-store.ts';
import { createLiteSandbox, liteCommands } from '../../../src/lib/core/sandbox/index.ts';
import { startGitServer, type GitServer } from '../../servers/git.ts';
import { startGitHubServer, type GitHubServer } from '../../servers/github.ts';
import { startGitLabServer, type GitLabServer } from '../../servers/gitlab.ts';

const GITHUB_TOKEN = 'ghp_commit_info';
const GITLAB_TOKEN = 'glpat-commit-info';
const MESSAGE = 'Release the people fixture\n\nA body over\ntwo lines, and no final newline';

let root = '';
let bare = '';
let github: GitHubServer;
let gitlab: GitLabServer;
let gitServer: GitServer;

function git(args: string[], env: Record<string, string> = {}, input?: string): string {
	return execFileSync('git', args, {
		input,
		encoding: 'utf8',
		env: {
			...process.env,
			GIT_CONFIG_NOSYSTEM: '1',
			GIT_CONFIG_GLOBAL: '/dev/null',
			LC_ALL: 'C',
			TZ: 'UTC',
			...env
		}
	});
}

beforeAll(async () => {
	root = mkdtempSync(join(tmpdir(), 'patchbay-commit-info-'));
	bare = join(root, 'acme', 'people.git');
	mkdirSync(bare, { recursive: true });
	git(['init', '-q', '--bare', '-b', 'main', bare]);
	const blob = (text: string) =>
		git(['--git-dir', bare, 'hash-object', '-w', '--stdin'], {}, text).trim();
	const tree = git(
		['--git-dir', bare, 'mktree'],
		{},
		`100644 blob ${blob('# people\n')}\tREADME.md\n100644 blob ${blob('export const x = 1;\n')}\tsrc.ts\n`
	).trim();
	const commit = git(
		['--git-dir', bare, 'commit-tree', tree],
		{
			GIT_AUTHOR_NAME: 'Grace Hopper',
			GIT_AUTHOR_EMAIL: 'grace@example.com',
			GIT_AUTHOR_DATE: '2023-11-02T09:15:30+05:45',
			GIT_COMMITTER_NAME: 'Release Bot',
			GIT_COMMITTER_EMAIL: 'bot@example.org',
			GIT_COMMITTER_DATE: '2024-01-07T23:59:59-03:30'
		},
		MESSAGE
	).trim();
	git(['--git-dir', bare, 'update-ref', 'refs/heads/main', commit]);
	github = await startGitHubServer({
		root,
		tokens: { [GITHUB_TOKEN]: { login: 'octo', scopes: ['repo'] } }
	});
	gitlab = await startGitLabServer({
		root,
		tokens: { [GITLAB_TOKEN]: { username: 'tanuki', scopes: ['read_api'] } }
	});
	gitServer = await startGitServer({ root });
});
afterAll(async () => {
	await Promise.all([github?.close(), gitlab?.close(), gitServer?.close()]);
	rmSync(root, { recursive: true, force: true });
});

/** The commit info as `git cat-file commit` shows the object: read here, not by the app. */
function catFileInfo(): CommitInfo {
	const text = git(['--git-dir', bare, 'cat-file', 'commit', 'main']);
	const split = text.indexOf('\n\n');
	const person = (key: string) => {
		const line = text
			.slice(0, split)
			.split('\n')
			.find((l) => l.startsWith(`${key} `))!;
		const [, ident, seconds, sign, hh, mm] = /^\S+ (.*) (\d+) ([+-])(\d\d)(\d\d)$/.exec(line)!;
		const offset = (sign === '-' ? -1 : 1) * (Number(hh) * 60 + Number(mm));
		const local = new Date((Number(seconds) + offset * 60) * 1000).toISOString().slice(0, 19);
		return { ident: ident!, date: `${local}${sign}${hh}:${mm}` };
	};
	const author = person('author');
	const committer = person('committer');
	return {
		message: text.slice(split + 2),
		author: author.ident,
		date: author.date,
		committer: committer.ident,
		committerDate: committer.date
	};
}

const EXPECTED: CommitInfo = {
	message: MESSAGE,
	author: 'Grace Hopper <grace@example.com>',
	date: '2023-11-02T09:15:30+05:45',
	committer: 'Release Bot <bot@example.org>',
	committerDate: '2024-01-07T23:59:59-03:30'
};

type Way = {
	name: string;
	ref: () => RepoRef;
	credentials: () => Credentials;
	/** Tells `onListed` the baseline-to-be before fetching files (smart HTTP lists nothing). */
	listsEarly: boolean;
};

const noHosts = (token = ''): Credentials => ({
	github: { token, apiBase: github.url },
	gitHosts: []
});

const ways: Way[] = [
	{
		name: 'GitHub REST',
		ref: () => parseRepoInput('acme/people', github.url).ref,
		credentials: () => noHosts(),
		listsEarly: true
	},
	{
		name: 'GitHub with a token (files through GraphQL)',
		ref: () => parseRepoInput('acme/people', github.url).ref,
		credentials: () => noHosts(GITHUB_TOKEN),
		listsEarly: true
	},
	{
		name: 'GitLab API',
		ref: () => parseRepoInput(`${gitlab.url}/acme/people`, github.url).ref,
		credentials: () => ({
			github: { token: '', apiBase: github.url },
			gitHosts: [
				{
					host: new URL(gitlab.url).host,
					kind: 'gitlab',
					username: '',
					token: GITLAB_TOKEN,
					proxyMayCarry: false
				}
			]
		}),
		listsEarly: true
	},
	{
		name: 'smart HTTP',
		ref: () => parseRepoInput(`${gitServer.url}/acme/people.git`, github.url).ref,
		credentials: () => noHosts(),
		listsEarly: false
	}
];

let fsCount = 0;
const freshFs = () =>
	new LightningFS(`patchbay-commit-info-${++fsCount}`, {
		wipe: true
	}) as unknown as PromiseFsClient;

function run(way: Way, fs: PromiseFsClient, onListed?: (baseline: Baseline) => void) {
	return checkout({
		ref: way.ref(),
		branch: 'main',
		fs,
		http,
		credentials: way.credentials(),
		corsProxy: '',
		...(onListed ? { onListed, first: () => [] } : {})
	});
}

/** `git log -1 --format=fuller` in a Lite sandbox made from the baseline, as the page makes it. */
async function sandboxLog(baseline: Baseline, store: ObjectStore): Promise<string> {
	const sandbox = createLiteSandbox({
		root: '/work/repo',
		commands: liteCommands({
			baseline,
			readBaseline: (oid) => readBlob(store, oid),
			...(baseline.commitInfo ? { commitInfo: baseline.commitInfo } : {}),
			root: '/work/repo'
		})
	});
	try {
		const files = await Promise.all(
			baseline.entries.map(async (e) => ({
				path: e.path,
				mode: e.mode,
				data: await readBlob(store, e.oid)
			}))
		);
		await sandbox.writeTree(files);
		const result = await sandbox.exec('git log -1 --format=fuller');
		expect(result.exitCode).toBe(0);
		return result.stdout;
	} finally {
		await sandbox.dispose();
	}
}

it('the fixture is what the tests say: author and committer apart, no final newline', () => {
	expect(catFileInfo()).toEqual(EXPECTED);
});

describe.each(ways)('a checkout through $name', (way) => {
	it('gives the commit info git cat-file shows, and git log prints as git does', async () => {
		const listed: Baseline[] = [];
		const { baseline, store } = await run(way, freshFs(), (early) => listed.push(early));
		expect(baseline.commitInfo).toEqual(catFileInfo());
		// The early start's baseline (an attempt may make its sandbox from it) has it too.
		expect(listed.map((early) => early.commitInfo)).toEqual(way.listsEarly ? [catFileInfo()] : []);
		expect(await sandboxLog(baseline, store)).toBe(
			git(['--git-dir', bare, 'log', '-1', '--format=fuller', 'main'])
		);
	});

	it('fills a baseline saved without commit info (before baselines kept it)', async () => {
		const fs = freshFs();
		const first = await run(way, fs);
		const { commitInfo: _dropped, ...old } = first.baseline;
		await saveBaseline(first.store, old);
		const again = await run(way, fs);
		expect(again.stats.fromCache).toBe(true);
		expect(again.baseline.commitInfo).toEqual(catFileInfo());
		// Saved again with it (REST forges), or read from the commit object each time (smart HTTP).
		expect((await loadBaseline(again.store, old.commit))?.commitInfo).toEqual(catFileInfo());
	});
});

describe('requests', () => {
	it('GitHub: the info costs no request of its own (the branch answer carries it)', async () => {
		for (const token of ['', GITHUB_TOKEN]) {
			github.requests.length = 0;
			const way = ways[token ? 1 : 0]!;
			const { stats } = await run(way, freshFs());
			const paths = github.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`);
			expect(paths.filter((p) => !p.startsWith('GET /raw/'))).toEqual([
				'GET /repos/acme/people/branches/main',
				'GET /repos/acme/people/git/trees/' + git(['--git-dir', bare, 'rev-parse', 'main']).trim(),
				...(token ? ['POST /graphql'] : [])
			]);
			expect(stats.requests).toBe(github.requests.length);
		}
	});
});

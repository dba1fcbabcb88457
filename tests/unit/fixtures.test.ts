import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBareRepo, buildFixtureRepos, runGit } from '../fixtures/build-repos.ts';

// A 2x2 RGB PNG (red, green / blue, white), written out byte by byte.
const logoPng = Buffer.from(
	'89504e470d0a1a0a0000000d4948445200000002000000020802000000fdd49a73000000144944415478da63f8' +
		'cfc0c000c20cffffffff0f001fee05fb606c70f20000000049454e44ae426082',
	'hex'
);

let dir: string;
let repos: Record<string, string>;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'patchbay-fixtures-'));
	repos = await buildFixtureRepos(join(dir, 'first'));
});

afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

async function git(gitDir: string | undefined, ...args: string[]): Promise<string> {
	if (!gitDir) throw new Error('no such fixture repo');
	return (await runGit(['--git-dir', gitDir, ...args])).toString('utf8').trimEnd();
}

const blob = async (gitDir: string | undefined, spec: string) =>
	runGit(['--git-dir', gitDir ?? '', 'cat-file', 'blob', spec]);

const modesAndPaths = (gitDir: string | undefined, rev: string) =>
	git(gitDir, 'ls-tree', '-r', '--format=%(objectmode) %(path)', rev);

describe('fixture repos', () => {
	it('builds every fixture as <root>/acme/<name>.git with HEAD on main', async () => {
		const root = join(dir, 'first', 'acme');
		expect(repos).toEqual({
			'binary-file': join(root, 'binary-file.git'),
			'empty-ish': join(root, 'empty-ish.git'),
			'exec-and-symlink': join(root, 'exec-and-symlink.git'),
			'ts-failing-test': join(root, 'ts-failing-test.git')
		});
		const heads = await Promise.all(
			Object.values(repos).map((repo) => git(repo, 'symbolic-ref', 'HEAD'))
		);
		expect(heads).toEqual(Array(4).fill('refs/heads/main'));
	});

	it('keeps executable bits, symlinks and nested folders', async () => {
		const repo = repos['exec-and-symlink'];
		expect(await modesAndPaths(repo, 'main')).toBe(
			[
				'100644 README.md',
				'100755 bin/run.sh',
				'100644 docs/guide/intro.md',
				'120000 link-to-readme'
			].join('\n')
		);
		expect((await blob(repo, 'main:link-to-readme')).toString('utf8')).toBe('README.md');
	});

	it('stores binary, CRLF and no-final-newline files byte for byte', async () => {
		const repo = repos['binary-file'];
		expect(await modesAndPaths(repo, 'main')).toBe(
			[
				'100644 README.md',
				'100644 assets/logo.png',
				'100644 no-newline.txt',
				'100644 windows.txt'
			].join('\n')
		);
		expect({
			png: (await blob(repo, 'main:assets/logo.png')).toString('hex'),
			crlf: (await blob(repo, 'main:windows.txt')).toString('utf8'),
			noNewline: (await blob(repo, 'main:no-newline.txt')).toString('utf8')
		}).toEqual({
			png: logoPng.toString('hex'),
			crlf: 'first line\r\nsecond line\r\nthird line\r\n',
			noNewline: 'this file has no newline at the end'
		});
	});

	it('gives ts-failing-test a lockfile, a main and a feature branch one commit ahead', async () => {
		const repo = repos['ts-failing-test'];
		expect(await modesAndPaths(repo, 'main')).toBe(
			[
				'100644 .gitignore',
				'100644 AGENTS.md',
				'100644 README.md',
				'100644 package-lock.json',
				'100644 package.json',
				'100644 src/sum.js',
				'100644 test/sum.test.js'
			].join('\n')
		);
		expect(JSON.parse((await blob(repo, 'main:package-lock.json')).toString('utf8'))).toEqual({
			name: 'sum-demo',
			version: '1.0.0',
			lockfileVersion: 3,
			requires: true,
			packages: { '': { name: 'sum-demo', version: '1.0.0' } }
		});
		expect({
			log: await git(repo, 'log', '--format=%s|%an <%ae>|%at', 'feature'),
			parent: await git(repo, 'rev-parse', 'feature^'),
			added: await git(repo, 'diff', '--name-status', 'main', 'feature')
		}).toEqual({
			log: [
				'Add mean()|Patchbay Fixtures <fixtures@patchbay.test>|1700000060',
				'Initial commit|Patchbay Fixtures <fixtures@patchbay.test>|1700000000'
			].join('\n'),
			parent: await git(repo, 'rev-parse', 'main'),
			added: 'A\tsrc/mean.js'
		});
	});

	it('gives the same commit shas on every build', async () => {
		const again = await buildFixtureRepos(join(dir, 'second'));
		const refs = (built: Record<string, string>) =>
			Promise.all(
				Object.values(built).map((repo) =>
					git(repo, 'for-each-ref', '--format=%(objectname) %(refname)')
				)
			);
		const [first, second] = [await refs(repos), await refs(again)];
		expect(first.every((lines) => /^[0-9a-f]{40} refs\/heads\/main/m.test(lines))).toBe(true);
		expect(second).toEqual(first);
	});
});

describe('buildBareRepo', () => {
	it('writes any legal path, deletes, and branches from a named base', async () => {
		const repo = await buildBareRepo(
			join(dir, 'adhoc'),
			'someone',
			'odd',
			{
				'a b/"quoted" name.txt': 'q\n',
				'ünï.md': 'u\n',
				'gone.txt': 'bye\n',
				tool: { content: '#!/bin/sh\n', executable: true }
			},
			{
				defaultBranch: 'trunk',
				commits: [
					{ message: 'Remove gone.txt', remove: ['gone.txt'] },
					{
						message: 'Start topic',
						branch: 'topic',
						from: 'trunk',
						files: { 'topic.txt': 'topic\n' }
					}
				]
			}
		);
		expect(repo).toBe(join(dir, 'adhoc', 'someone', 'odd.git'));
		const paths = async (rev: string) =>
			// Plain -z output is the one form git never quotes.
			(await runGit(['--git-dir', repo, 'ls-tree', '-r', '-z', rev]))
				.toString('utf8')
				.split('\0')
				.filter(Boolean)
				.map((line) => `${line.slice(0, 6)} ${line.slice(line.indexOf('\t') + 1)}`);
		expect({
			head: await git(repo, 'symbolic-ref', 'HEAD'),
			trunk: await paths('trunk'),
			topic: await paths('topic'),
			topicLog: await git(repo, 'log', '--format=%s', 'topic')
		}).toEqual({
			head: 'refs/heads/trunk',
			trunk: ['100644 a b/"quoted" name.txt', '100755 tool', '100644 ünï.md'],
			topic: ['100644 a b/"quoted" name.txt', '100755 tool', '100644 topic.txt', '100644 ünï.md'],
			topicLog: 'Start topic\nRemove gone.txt\nInitial commit'
		});
	});

	it('refuses a path that climbs out of the repo', async () => {
		await expect(
			buildBareRepo(join(dir, 'adhoc'), 'someone', 'bad', { '../escape.txt': 'x' })
		).rejects.toThrow('not a repo-relative file path: "../escape.txt"');
	});
});

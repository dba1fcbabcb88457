import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBareRepo, buildFixtureRepos, runGit } from '../../fixtures/build-repos.ts';
import { privateMarker, startGitServer, type GitServer } from '../../servers/git.ts';

// A failed auth must fail, not wait for a password on a terminal.
const clientEnv = { GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: '', SSH_ASKPASS: '' };
const identity = ['-c', 'user.name=Tester', '-c', 'user.email=tester@patchbay.test'];

async function git(args: string[], cwd?: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
	const out = await runGit(args, { cwd, env: { ...clientEnv, ...env } });
	return out.toString('utf8').trim();
}

const infoRefs = (repo: string) => ({
	method: 'GET',
	path: `/acme/${repo}.git/info/refs`,
	service: 'git-upload-pack'
});
const uploadPack = (repo: string) => ({
	method: 'POST',
	path: `/acme/${repo}.git/git-upload-pack`,
	service: 'git-upload-pack'
});

let dir: string;
let root: string;
let server: GitServer;
let bare: Record<string, string>;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'patchbay-git-server-'));
	root = join(dir, 'root');
	bare = await buildFixtureRepos(root);
	server = await startGitServer({ root });
});

afterAll(async () => {
	await server.close();
	await rm(dir, { recursive: true, force: true });
});

/** Runs `act` and returns the requests the server logged meanwhile. */
async function requestsDuring(act: () => Promise<unknown>) {
	const before = server.requests.length;
	await act();
	return server.requests.slice(before);
}

describe('git host peer: clone and fetch', () => {
	it('clones over protocol v2: one ref listing, one fetch, all branches', async () => {
		const work = join(dir, 'clone-v2');
		const trace = join(dir, 'trace-v2.txt');
		const requests = await requestsDuring(() =>
			git(
				['-c', 'protocol.version=2', 'clone', '-q', `${server.url}/acme/ts-failing-test.git`, work],
				dir,
				{
					GIT_TRACE_PACKET: trace
				}
			)
		);
		expect(requests).toEqual([
			infoRefs('ts-failing-test'),
			uploadPack('ts-failing-test'),
			uploadPack('ts-failing-test')
		]);
		expect(await readFile(trace, 'utf8')).toContain('< version 2');
		const remote = await git([
			'--git-dir',
			bare['ts-failing-test'] ?? '',
			'rev-parse',
			'main',
			'feature'
		]);
		expect(await git(['rev-parse', 'origin/main', 'origin/feature'], work)).toBe(remote);
		expect(await readFile(join(work, 'src/sum.js'), 'utf8')).toBe(
			await readFile(
				new URL('../../fixtures/repos/ts-failing-test/src/sum.js', import.meta.url),
				'utf8'
			)
		);
	});

	it('clones over protocol v0: refs come with the info/refs answer', async () => {
		const work = join(dir, 'clone-v0');
		const trace = join(dir, 'trace-v0.txt');
		const requests = await requestsDuring(() =>
			git(
				['-c', 'protocol.version=0', 'clone', '-q', `${server.url}/acme/empty-ish.git`, work],
				dir,
				{
					GIT_TRACE_PACKET: trace
				}
			)
		);
		expect(requests).toEqual([infoRefs('empty-ish'), uploadPack('empty-ish')]);
		expect(await readFile(trace, 'utf8')).not.toContain('version 2');
		expect(await git(['ls-files'], work)).toBe('README.md');
	});

	it('makes a shallow single-branch clone', async () => {
		const work = join(dir, 'clone-shallow');
		const url = `${server.url}/acme/ts-failing-test.git`;
		await git(['clone', '-q', '--depth', '1', '--single-branch', '--branch', 'feature', url, work]);
		const tip = await git(['--git-dir', bare['ts-failing-test'] ?? '', 'rev-parse', 'feature']);
		expect({
			commits: await git(['rev-list', '--all'], work),
			shallow: (await readFile(join(work, '.git/shallow'), 'utf8')).trim(),
			remoteBranches: await git(['branch', '-r', '--format=%(refname)'], work)
		}).toEqual({ commits: tip, shallow: tip, remoteBranches: 'refs/remotes/origin/feature' });
	});

	it('answers a gzip-encoded v2 request (ls-refs)', async () => {
		const pkt = (line: string) => `${(line.length + 4).toString(16).padStart(4, '0')}${line}`;
		const request = `${pkt('command=ls-refs\n')}0001${pkt('ref-prefix refs/heads/\n')}0000`;
		const response = await fetch(`${server.url}/acme/ts-failing-test.git/git-upload-pack`, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/x-git-upload-pack-request',
				'Content-Encoding': 'gzip',
				'Git-Protocol': 'version=2'
			},
			body: gzipSync(request)
		});
		const [main, feature] = (
			await git(['--git-dir', bare['ts-failing-test'] ?? '', 'rev-parse', 'main', 'feature'])
		).split('\n');
		expect({ status: response.status, body: await response.text() }).toEqual({
			status: 200,
			body: `${pkt(`${feature} refs/heads/feature\n`)}${pkt(`${main} refs/heads/main\n`)}0000`
		});
	});

	it('answers 404 for a repo that does not exist', async () => {
		const response = await fetch(
			`${server.url}/acme/missing.git/info/refs?service=git-upload-pack`
		);
		expect({ status: response.status, body: await response.json() }).toEqual({
			status: 404,
			body: { message: 'Not Found' }
		});
		await expect(
			git(['clone', '-q', `${server.url}/acme/missing.git`, join(dir, 'missing')])
		).rejects.toThrow(/not found/);
	});
});

describe('git host peer: push', () => {
	it('keeps a pushed commit and a pushed branch, and a fetch elsewhere sees them', async () => {
		await buildBareRepo(root, 'acme', 'push-target', { 'README.md': '# push target\n' });
		const url = `${server.url}/acme/push-target.git`;
		const [writer, reader] = [join(dir, 'push-writer'), join(dir, 'push-reader')];
		await git(['clone', '-q', url, writer]);
		await git(['clone', '-q', url, reader]);

		await writeFile(join(writer, 'README.md'), '# push target\n\nChanged.\n');
		await git([...identity, 'commit', '-q', '-am', 'Change README'], writer);
		const pushes = await requestsDuring(async () => {
			await git(['push', '-q', 'origin', 'main'], writer);
			await git(['push', '-q', 'origin', 'main:refs/heads/topic'], writer);
		});
		const pushed = await git(['rev-parse', 'HEAD'], writer);

		const bareDir = join(root, 'acme', 'push-target.git');
		expect({
			refs: await git(['--git-dir', bareDir, 'rev-parse', 'main', 'topic']),
			log: await git(['--git-dir', bareDir, 'log', '--format=%s', 'main'])
		}).toEqual({ refs: `${pushed}\n${pushed}`, log: 'Change README\nInitial commit' });
		expect(pushes.filter((request) => request.method === 'POST')).toEqual([
			{
				method: 'POST',
				path: '/acme/push-target.git/git-receive-pack',
				service: 'git-receive-pack'
			},
			{
				method: 'POST',
				path: '/acme/push-target.git/git-receive-pack',
				service: 'git-receive-pack'
			}
		]);

		await git(['fetch', '-q', 'origin'], reader);
		expect(await git(['rev-parse', 'origin/main', 'origin/topic'], reader)).toBe(
			`${pushed}\n${pushed}`
		);
	});

	it('takes a push over http.postBuffer, which git sends chunked with no length', async () => {
		await buildBareRepo(root, 'acme', 'big-push', { 'README.md': '# big push\n' });
		const work = join(dir, 'big-push');
		await git(['clone', '-q', `${server.url}/acme/big-push.git`, work]);
		// Random bytes do not compress, so the pack stays over the 1 MiB post buffer.
		const blob = randomBytes(3 * 1024 * 1024);
		await writeFile(join(work, 'blob.bin'), blob);
		await git(['add', 'blob.bin'], work);
		await git([...identity, 'commit', '-q', '-m', 'Add a big blob'], work);
		await git(['push', '-q', 'origin', 'main'], work);
		const stored = await runGit([
			'--git-dir',
			join(root, 'acme', 'big-push.git'),
			'cat-file',
			'blob',
			'main:blob.bin'
		]);
		expect(stored.equals(blob)).toBe(true);
	});
});

describe('git host peer: private repos and CORS', () => {
	it('refuses a private repo without the token and serves it with it', async () => {
		const repoDir = await buildBareRepo(root, 'acme', 'secret', { 'README.md': '# secret\n' });
		await writeFile(join(repoDir, privateMarker), 's3cret\n');
		const host = server.url.replace('http://', '');
		const clone = (credentials: string, name: string) =>
			git(['clone', '-q', `http://${credentials}${host}/acme/secret.git`, join(dir, name)]);

		const refused = await requestsDuring(async () => {
			// Asked for a user name means git got the 401 and had no credentials to answer it with.
			await expect(clone('', 'secret-anonymous')).rejects.toThrow(/could not read Username/);
			await expect(clone('me:wrong@', 'secret-wrong')).rejects.toThrow(/Authentication failed/);
		});
		// Wrong credentials cost two requests: curl only sends them once challenged.
		expect(refused).toEqual([infoRefs('secret'), infoRefs('secret'), infoRefs('secret')]);
		await clone('me:s3cret@', 'secret-ok');
		expect(await git(['ls-files'], join(dir, 'secret-ok'))).toBe('README.md');

		const response = await fetch(`${server.url}/acme/secret.git/info/refs?service=git-upload-pack`);
		expect({
			status: response.status,
			challenge: response.headers.get('www-authenticate')
		}).toEqual({
			status: 401,
			challenge: 'Basic realm="patchbay"'
		});
	});

	it('sends CORS headers by default and none with cors: false', async () => {
		const refusing = await startGitServer({ root, cors: false });
		try {
			const probe = async (base: string) => {
				const response = await fetch(
					`${base}/acme/empty-ish.git/info/refs?service=git-upload-pack`
				);
				await response.arrayBuffer();
				return {
					status: response.status,
					allowOrigin: response.headers.get('access-control-allow-origin'),
					contentType: response.headers.get('content-type')
				};
			};
			expect([await probe(server.url), await probe(refusing.url)]).toEqual([
				{
					status: 200,
					allowOrigin: '*',
					contentType: 'application/x-git-upload-pack-advertisement'
				},
				{
					status: 200,
					allowOrigin: null,
					contentType: 'application/x-git-upload-pack-advertisement'
				}
			]);
		} finally {
			await refusing.close();
		}
	});
});

describe('git host peer: command line', () => {
	it('prints its URL as the only line and serves clones until killed', async () => {
		const script = new URL('../../servers/git.ts', import.meta.url).pathname;
		const child = spawn(process.execPath, [script, '--port', '0', '--root', root], {
			stdio: ['ignore', 'pipe', 'inherit']
		});
		let output = '';
		child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
		try {
			while (!output.includes('\n')) await once(child.stdout, 'data');
			const url = output.trim();
			expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			await git(['clone', '-q', `${url}/acme/empty-ish.git`, join(dir, 'cli-clone')]);
			expect(await git(['ls-files'], join(dir, 'cli-clone'))).toBe('README.md');
			expect(output).toBe(`${url}\n`);
		} finally {
			child.kill();
			await once(child, 'exit');
		}
	});
});

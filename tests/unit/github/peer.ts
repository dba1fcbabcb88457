// The GitHub peer over fresh fixture repos: each test takes its own copy (its own owner), so
// branches and options one test makes never meet another's.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFixtureRepos } from '../../fixtures/build-repos.ts';
import { startGitHubServer, type GitHubServer } from '../../servers/github.ts';

export const TOKEN = 'tok-push';
export const READ_ONLY = 'tok-read-only';
export const PUBLIC_ONLY = 'tok-public-only';

export type TestRepo = {
	owner: string;
	repo: string;
	gitDir: string;
	baseline: { commit: string; tree: string };
	git(...args: string[]): string;
	/** `git ls-tree -r <rev>`, one line per file. */
	lsTree(rev: string): string[];
	/** The bytes of `<rev>:<path>`. */
	show(spec: string): Uint8Array;
};

/** The blob id git gives `bytes`, from git itself. */
export const gitBlobId = (bytes: Uint8Array | string): string =>
	execFileSync('git', ['hash-object', '--stdin'], { input: bytes, encoding: 'utf8' }).trim();

export type GitHubPeer = {
	server: GitHubServer;
	fresh(fixture: string): Promise<TestRepo>;
	stop(): Promise<void>;
};

export async function startGitHubPeer(): Promise<GitHubPeer> {
	const root = await mkdtemp(join(tmpdir(), 'patchbay-github-'));
	const server = await startGitHubServer({
		root,
		tokens: {
			[TOKEN]: { login: 'octo', scopes: ['repo'] },
			[READ_ONLY]: { login: 'octo', readOnly: true },
			[PUBLIC_ONLY]: { login: 'octo', scopes: ['public_repo'] }
		}
	});
	let copies = 0;
	return {
		server,
		async fresh(fixture) {
			const owner = `team${++copies}`;
			const gitDir = (await buildFixtureRepos(root, { owner }))[fixture];
			if (!gitDir) throw new Error(`no fixture ${fixture}`);
			const git = (...args: string[]) =>
				execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8' }).trim();
			return {
				owner,
				repo: fixture,
				gitDir,
				baseline: { commit: git('rev-parse', 'main'), tree: git('rev-parse', 'main^{tree}') },
				git,
				lsTree: (rev) => git('ls-tree', '-r', rev).split('\n').filter(Boolean),
				show: (spec) => new Uint8Array(execFileSync('git', ['--git-dir', gitDir, 'show', spec]))
			};
		},
		async stop() {
			await server.close();
			await rm(root, { recursive: true, force: true });
		}
	};
}

// The forge peers over one folder of fresh fixture repos: the GitHub peer (owner/repo) and the
// GitLab peer (group/sub/repo: a subgroup path). Each test takes its own copy.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFixtureRepos } from '../../fixtures/build-repos.ts';
import { startGitServer, type GitServer } from '../../servers/git.ts';
import { startGitHubServer, type GitHubServer } from '../../servers/github.ts';
import { startGitLabServer, type GitLabServer } from '../../servers/gitlab.ts';
import { startGiteaServer, type GiteaServer } from '../../servers/gitea.ts';

export const TOKEN = 'forge-token-write';
export const READ_TOKEN = 'forge-token-read';

export type FixtureCopy = {
	/** `owner/repo` or `group/sub/repo`. */
	path: string;
	gitDir: string;
	baseline: { commit: string; tree: string };
	git(...args: string[]): string;
	show(spec: string): Uint8Array;
};

export type ForgePeers = {
	root: string;
	github: GitHubServer;
	gitlab: GitLabServer;
	/** Plain smart HTTP (`git http-backend`). */
	git: GitServer;
	gitea: GiteaServer;
	/** A fresh copy of `fixture` under `owner` (one or more path segments). */
	fresh(fixture: string, owner: string): Promise<FixtureCopy>;
	stop(): Promise<void>;
};

export async function startForgePeers(): Promise<ForgePeers> {
	const root = await mkdtemp(join(tmpdir(), 'patchbay-forges-'));
	const github = await startGitHubServer({
		root,
		tokens: {
			[TOKEN]: { login: 'octo', scopes: ['repo'] },
			[READ_TOKEN]: { login: 'octo', readOnly: true }
		}
	});
	const gitlab = await startGitLabServer({
		root,
		tokens: {
			[TOKEN]: { username: 'tanuki', scopes: ['api'] },
			[READ_TOKEN]: { username: 'tanuki', scopes: ['read_api'] }
		}
	});
	const git = await startGitServer({ root });
	const gitea = await startGiteaServer({
		root,
		tokens: {
			[TOKEN]: { login: 'forgejo', scopes: ['write:repository'] },
			[READ_TOKEN]: { login: 'forgejo', scopes: ['read:repository'] }
		}
	});
	let copies = 0;
	return {
		root,
		github,
		gitlab,
		git,
		gitea,
		async fresh(fixture, owner) {
			const at = `${owner}${++copies}`;
			const gitDir = (await buildFixtureRepos(root, { owner: at }))[fixture];
			if (!gitDir) throw new Error(`no fixture ${fixture}`);
			const git = (...args: string[]) =>
				execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8' }).trim();
			return {
				path: `${at}/${fixture}`,
				gitDir,
				baseline: { commit: git('rev-parse', 'main'), tree: git('rev-parse', 'main^{tree}') },
				git,
				show: (spec) => new Uint8Array(execFileSync('git', ['--git-dir', gitDir, 'show', spec]))
			};
		},
		async stop() {
			await Promise.all([github.close(), gitlab.close(), git.close(), gitea.close()]);
			await rm(root, { recursive: true, force: true });
		}
	};
}

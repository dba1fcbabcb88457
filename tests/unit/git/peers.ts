// Starts the git and GitHub peers over freshly built fixture repos, for one test file.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFixtureRepos } from '../../fixtures/build-repos.ts';
import { startGitServer, type GitServer } from '../../servers/git.ts';
import { startGitHubServer, type GitHubServer } from '../../servers/github.ts';

export type Peers = {
	root: string;
	repos: Record<string, string>;
	git: GitServer;
	github: GitHubServer;
	stop(): Promise<void>;
};

export const TOKEN = 'ghp_peer_token';

export async function startPeers(): Promise<Peers> {
	const root = await mkdtemp(join(tmpdir(), 'patchbay-peers-'));
	const repos = await buildFixtureRepos(root);
	const git = await startGitServer({ root });
	const github = await startGitHubServer({
		root,
		tokens: { [TOKEN]: { login: 'octo', scopes: ['repo'] } }
	});
	return {
		root,
		repos,
		git,
		github,
		async stop() {
			await Promise.all([git.close(), github.close()]);
			await rm(root, { recursive: true, force: true });
		}
	};
}

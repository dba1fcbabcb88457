// Starts the real local peers once for the whole e2e run, over fixture repos built fresh in a
// temp folder; tests find them through the environment (see peers.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFixtureRepos } from '../fixtures/build-repos.ts';
import { startCorsProxy } from '../servers/cors-proxy.ts';
import { startGitServer } from '../servers/git.ts';
import { startGitHubServer } from '../servers/github.ts';
import { startGitLabServer } from '../servers/gitlab.ts';
import { startGiteaServer } from '../servers/gitea.ts';
import { startHostileGitServer } from '../servers/hostile-git.ts';
import { startModelServer } from '../servers/model.ts';
import {
	GITEA_READ_TOKEN,
	GITEA_TOKEN,
	GITLAB_READ_TOKEN,
	GITLAB_TOKEN,
	HOSTILE_TOKEN,
	PEER_ENV,
	PEER_TOKEN
} from './peers.ts';

export default async function globalSetup(): Promise<() => Promise<void>> {
	const root = await mkdtemp(join(tmpdir(), 'patchbay-e2e-'));
	await buildFixtureRepos(root);
	// The credentials test's own copies: it makes one private without disturbing other tests.
	await buildFixtureRepos(root, { owner: 'creds' });
	const git = await startGitServer({ root });
	const gitNoCors = await startGitServer({ root, cors: false });
	const github = await startGitHubServer({
		root,
		tokens: { [PEER_TOKEN]: { login: 'octo', scopes: ['repo', 'workflow'] } }
	});
	const gitlab = await startGitLabServer({
		root,
		tokens: {
			[GITLAB_TOKEN]: { username: 'tanuki', scopes: ['api'] },
			[GITLAB_READ_TOKEN]: { username: 'tanuki', scopes: ['read_api'] }
		}
	});
	const gitea = await startGiteaServer({
		root,
		tokens: {
			[GITEA_TOKEN]: { login: 'forgejo', scopes: ['write:repository'] },
			[GITEA_READ_TOKEN]: { login: 'forgejo', scopes: ['read:repository'] }
		}
	});
	const model = await startModelServer();
	const hostile = await startHostileGitServer({ root, token: HOSTILE_TOKEN });
	const corsProxy = await startCorsProxy();
	process.env[PEER_ENV.root] = root;
	process.env[PEER_ENV.git] = git.url;
	process.env[PEER_ENV.gitNoCors] = gitNoCors.url;
	process.env[PEER_ENV.github] = github.url;
	process.env[PEER_ENV.gitlab] = gitlab.url;
	process.env[PEER_ENV.gitea] = gitea.url;
	process.env[PEER_ENV.model] = model.url;
	process.env[PEER_ENV.hostile] = hostile.url;
	process.env[PEER_ENV.corsProxy] = corsProxy.url;
	return async () => {
		await Promise.all([
			git.close(),
			gitNoCors.close(),
			github.close(),
			gitlab.close(),
			gitea.close(),
			model.close(),
			hostile.close(),
			corsProxy.close()
		]);
		await rm(root, { recursive: true, force: true });
	};
}

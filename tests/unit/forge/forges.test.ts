// The forge contract against GitHub and GitLab, each over its peer and the same fixtures.
import { afterAll, beforeAll } from 'vitest';
import type { Credentials } from '../../../src/lib/core/credentials/index.ts';
import { forgeFor, forgeRepoFor, type Forge } from '../../../src/lib/core/forge/index.ts';
import { parseRepoInput } from '../../../src/lib/core/git/index.ts';
import { forgeContract } from './contract.ts';
import { startForgePeers, TOKEN, type ForgePeers } from './peers.ts';

let peers: ForgePeers;
beforeAll(async () => {
	peers = await startForgePeers();
});
afterAll(() => peers.stop());

function made(
	url: string,
	credentials: Credentials,
	hosts: { host: string; kind: 'gitlab' }[] = []
): Forge {
	const ref = parseRepoInput(url, credentials.github.apiBase).ref;
	const forge = forgeFor(forgeRepoFor(ref, hosts), { credentials });
	if (!forge) throw new Error(`no forge for ${url}`);
	return forge;
}

forgeContract('GitHub', () => ({
	forgeAt: (path) =>
		made(`${peers.github.url}/${path}`, {
			github: { apiBase: peers.github.url, token: TOKEN },
			gitHosts: []
		}),
	fresh: (fixture) => peers.fresh(fixture, 'octo'),
	async changeRequests(copy) {
		const pulls = (await (
			await fetch(`${peers.github.url}/repos/${copy.path}/pulls?state=all`)
		).json()) as {
			number: number;
			title: string;
			body: string;
			head: { ref: string };
			base: { ref: string };
		}[];
		return pulls.map((p) => ({
			number: p.number,
			title: p.title,
			body: p.body,
			head: p.head.ref,
			base: p.base.ref
		}));
	}
}));

forgeContract('GitLab', () => {
	const host = new URL(peers.gitlab.url).host;
	return {
		forgeAt: (path) =>
			made(
				`${peers.gitlab.url}/${path}`,
				{
					github: { apiBase: 'https://api.github.com', token: '' },
					gitHosts: [{ host, username: '', token: TOKEN, proxyMayCarry: false }]
				},
				[{ host, kind: 'gitlab' }]
			),
		fresh: (fixture) => peers.fresh(fixture, 'group/sub'),
		async changeRequests(copy) {
			return peers.gitlab.mergeRequests(copy.path).map((mr) => ({
				number: mr.iid,
				title: mr.title,
				body: mr.description,
				head: mr.source_branch,
				base: mr.target_branch
			}));
		}
	};
});

// The forge contract against GitHub, GitLab, Gitea and plain git, each over its peer and the
// same fixtures.
import 'fake-indexeddb/auto';
import LightningFS from '@isomorphic-git/lightning-fs';
import type { PromiseFsClient } from 'isomorphic-git';
import http from 'isomorphic-git/http/web';
import { afterAll, beforeAll } from 'vitest';
import type { Credentials } from '../../../src/lib/core/credentials/index.ts';
import {
	checkout,
	forgeFor,
	forgeRepoFor,
	listWithFiles,
	type Forge
} from '../../../src/lib/core/forge/index.ts';
import {
	baselineFiles,
	parseRepoInput,
	type ObjectStore
} from '../../../src/lib/core/git/index.ts';
import { forgeContract } from './contract.ts';
import { filesByPath } from './git-says.ts';
import { startForgePeers, TOKEN, type ForgePeers } from './peers.ts';

let peers: ForgePeers;
beforeAll(async () => {
	peers = await startForgePeers();
});
afterAll(() => peers.stop());

async function made(
	url: string,
	credentials: Credentials,
	hosts: { host: string; kind: 'gitlab' }[] = []
): Promise<Forge> {
	const ref = parseRepoInput(url, credentials.github.apiBase).ref;
	const forge = await forgeFor(forgeRepoFor(ref, hosts), { credentials });
	if (!forge) throw new Error(`no forge for ${url}`);
	return forge;
}

let checkouts = 0;
/** `url`'s main branch through core/git `checkout`, into a store of its own. */
async function checkedOut(url: string, credentials: Credentials) {
	const fs = new LightningFS(`forge-checkout-${++checkouts}`, {
		wipe: true
	}) as unknown as PromiseFsClient;
	const ref = parseRepoInput(url, credentials.github.apiBase).ref;
	const { baseline, store } = await checkout({
		ref,
		branch: 'main',
		fs,
		http,
		credentials,
		corsProxy: ''
	});
	const files = filesByPath(await baselineFiles(store, baseline));
	return { commit: baseline.commit, tree: baseline.tree, files };
}

/** `url`'s main branch listed as the setup proposal lists it, into a store of its own. */
async function listedWith(url: string, credentials: Credentials, paths: (l: string[]) => string[]) {
	const fs = new LightningFS(`forge-listing-${++checkouts}`, {
		wipe: true
	}) as unknown as PromiseFsClient;
	const ref = parseRepoInput(url, credentials.github.apiBase).ref;
	const listed = await listWithFiles({
		ref,
		branch: 'main',
		fs,
		http,
		credentials,
		corsProxy: '',
		paths
	});
	const { commit, tree, entries } = listed.baseline;
	return {
		commit,
		tree,
		entries: new Map(entries.map((e) => [e.path, { mode: e.mode, oid: e.oid }])),
		files: listed.files,
		checkedOut: listed.checkedOut
	};
}

forgeContract('GitHub', () => ({
	checkout: (copy) =>
		checkedOut(`${peers.github.url}/${copy.path}`, {
			github: { apiBase: peers.github.url, token: TOKEN },
			gitHosts: []
		}),
	listed: (copy, paths) =>
		listedWith(
			`${peers.github.url}/${copy.path}`,
			{ github: { apiBase: peers.github.url, token: TOKEN }, gitHosts: [] },
			paths
		),
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
		// The host named a GitLab in Settings: its API snapshot, not smart HTTP.
		checkout: (copy) =>
			checkedOut(`${peers.gitlab.url}/${copy.path}`, {
				github: { apiBase: 'https://api.github.com', token: '' },
				gitHosts: [{ host, username: '', token: TOKEN, proxyMayCarry: false, kind: 'gitlab' }]
			}),
		// Its tree listing and the asked-for blobs only (gitlab-listing.test.ts counts them).
		listed: (copy, paths) =>
			listedWith(
				`${peers.gitlab.url}/${copy.path}`,
				{
					github: { apiBase: 'https://api.github.com', token: '' },
					gitHosts: [{ host, username: '', token: TOKEN, proxyMayCarry: false, kind: 'gitlab' }]
				},
				paths
			),
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

/** Plain git pushes from a local object store: each copy is checked out into its own. */
const stores = new Map<string, ObjectStore>();
const noTokens: Credentials = {
	github: { apiBase: 'https://api.github.com', token: '' },
	gitHosts: []
};

forgeContract(
	'plain git',
	() => ({
		async forgeAt(path) {
			const ref = parseRepoInput(`${peers.git.url}/${path}.git`, 'https://api.github.com').ref;
			const forge = await forgeFor(forgeRepoFor(ref, []), {
				credentials: noTokens,
				git: { http, corsProxy: '', store: stores.get(path) }
			});
			if (!forge) throw new Error('no git forge');
			return forge;
		},
		async fresh(fixture) {
			const copy = await peers.fresh(fixture, 'plain');
			const fs = new LightningFS(`forge-${copy.path}`, {
				wipe: true
			}) as unknown as PromiseFsClient;
			const { store } = await checkout({
				ref: { kind: 'git', url: `${peers.git.url}/${copy.path}.git` },
				branch: 'main',
				fs,
				http,
				credentials: noTokens,
				corsProxy: ''
			});
			stores.set(copy.path, store);
			return copy;
		},
		changeRequests: async () => [],
		checkout: (copy) => checkedOut(`${peers.git.url}/${copy.path}.git`, noTokens),
		listed: (copy, paths) => listedWith(`${peers.git.url}/${copy.path}.git`, noTokens, paths)
	}),
	false
);

/** Gitea: the API for the lookup and the pull request, git (from a checked-out store) for the push. */
async function giteaAt(path: string, hostKind: 'gitea'): Promise<Forge> {
	const host = new URL(peers.gitea.url).host;
	const ref = parseRepoInput(`${peers.gitea.url}/${path}`, 'https://api.github.com').ref;
	const forge = await forgeFor(forgeRepoFor(ref, [{ host, kind: hostKind }]), {
		credentials: {
			github: { apiBase: 'https://api.github.com', token: '' },
			gitHosts: [{ host, username: '', token: TOKEN, proxyMayCarry: false }]
		},
		git: { http, corsProxy: '', store: stores.get(path) }
	});
	if (!forge) throw new Error('no Gitea forge');
	return forge;
}

forgeContract('Gitea', () => ({
	forgeAt: (path) => giteaAt(path, 'gitea'),
	// A host named a Gitea still checks out over smart HTTP (its forge has no API snapshot).
	checkout: (copy) => {
		const host = new URL(peers.gitea.url).host;
		return checkedOut(`${peers.gitea.url}/${copy.path}.git`, {
			...noTokens,
			gitHosts: [{ host, username: '', token: TOKEN, proxyMayCarry: false, kind: 'gitea' }]
		});
	},
	listed: (copy, paths) => {
		const host = new URL(peers.gitea.url).host;
		return listedWith(
			`${peers.gitea.url}/${copy.path}.git`,
			{
				...noTokens,
				gitHosts: [{ host, username: '', token: TOKEN, proxyMayCarry: false, kind: 'gitea' }]
			},
			paths
		);
	},
	async fresh(fixture) {
		const copy = await peers.fresh(fixture, 'forgejo');
		const fs = new LightningFS(`forge-${copy.path}`, { wipe: true }) as unknown as PromiseFsClient;
		const host = new URL(peers.gitea.url).host;
		const { store } = await checkout({
			ref: { kind: 'git', url: `${peers.gitea.url}/${copy.path}.git` },
			branch: 'main',
			fs,
			http,
			credentials: {
				...noTokens,
				gitHosts: [{ host, username: '', token: TOKEN, proxyMayCarry: false }]
			},
			corsProxy: ''
		});
		stores.set(copy.path, store);
		return copy;
	},
	async changeRequests(copy) {
		return peers.gitea.pulls(copy.path).map((p) => ({
			number: p.number,
			title: p.title,
			body: p.body,
			head: p.head,
			base: p.base
		}));
	}
}));

// onAuth against real peers: a git host that always asks (and logs every header it receives)
// and a CORS proxy that logs what it carries. Only the host's own token ever reaches it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'isomorphic-git/http/web';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Credentials } from '../../../src/lib/core/credentials/index.ts';
import { lookupRepository } from '../../../src/lib/core/forge/index.ts';
import { gitAuth, parseRepoInput } from '../../../src/lib/core/git/index.ts';
import { buildFixtureRepos } from '../../fixtures/build-repos.ts';
import { startCorsProxy, type CorsProxy } from '../../servers/cors-proxy.ts';
import { leaks } from '../../servers/forward.ts';
import { startHostileGitServer, type HostileGitServer } from '../../servers/hostile-git.ts';

const GITHUB_TOKEN = 'ghp_githubTokenNeverForOthers0000000000';
const HOST_TOKEN = 'host-token-for-the-hostile-host';

let root = '';
let hostile: HostileGitServer;
let proxy: CorsProxy;

beforeAll(async () => {
	root = await mkdtemp(join(tmpdir(), 'patchbay-creds-'));
	await buildFixtureRepos(root);
	hostile = await startHostileGitServer({ root, token: HOST_TOKEN });
	proxy = await startCorsProxy();
});

afterAll(async () => {
	await Promise.all([hostile.close(), proxy.close()]);
	await rm(root, { recursive: true, force: true });
});

beforeEach(() => {
	hostile.requests.length = 0;
	proxy.requests.length = 0;
});

const host = () => new URL(hostile.url).host;
const repoUrl = () => `${hostile.url}/acme/empty-ish.git`;

function credentials(entry?: { proxyMayCarry: boolean }): Credentials {
	return {
		// The GitHub token, for GitHub's API: never for this host.
		github: { token: GITHUB_TOKEN, apiBase: 'https://api.github.com' },
		gitHosts: entry ? [{ host: host(), username: '', token: HOST_TOKEN, ...entry }] : []
	};
}

function lookUp(creds: Credentials, corsProxy = '') {
	const { ref } = parseRepoInput(repoUrl(), 'https://api.github.com');
	return lookupRepository(ref, { credentials: creds, corsProxy, http });
}

async function failure(promise: Promise<unknown>) {
	const error = (await promise.then(
		() => null,
		(e: unknown) => e
	)) as { code: string; message: string; hint: string } | null;
	return error && { code: error.code, message: error.message, hint: error.hint };
}

const basic = (token: string) =>
	`Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;

describe('gitAuth (onAuth)', () => {
	it('answers with the credential of the URL it is asked about, and nothing for other hosts', () => {
		const auth = gitAuth({ corsProxy: '', credentials: credentials({ proxyMayCarry: false }) });
		const ask = (url: string) => auth(url, {});
		expect([
			ask(repoUrl()),
			ask('https://some-host/x.git'),
			ask('https://api.github.com/x.git'),
			ask(`http://${host()}@evil.example/x.git`)
		]).toEqual([
			{ username: 'x-access-token', password: HOST_TOKEN },
			undefined,
			{ username: 'x-access-token', password: GITHUB_TOKEN },
			undefined
		]);
		const proxied = gitAuth({
			corsProxy: 'https://proxy.example',
			credentials: credentials({ proxyMayCarry: false })
		});
		expect([proxied(repoUrl(), {}), proxied('https://api.github.com/x.git', {})]).toEqual([
			undefined,
			undefined
		]);
	});
});

describe('a host that asks for credentials', () => {
	it('gets no token when it has none of its own, and the error says where to add one', async () => {
		expect(await failure(lookUp(credentials()))).toEqual({
			code: 'auth-required',
			message: `${host()} asks for credentials (401).`,
			hint: `The repository may be private: add a token for ${host()} in Settings → Git hosts.`
		});
		expect(hostile.requests.length).toBeGreaterThan(0);
		expect(leaks(hostile.requests, [GITHUB_TOKEN, HOST_TOKEN])).toEqual([]);
	});

	it('gets its own token, and the lookup goes through', async () => {
		const info = await lookUp(credentials({ proxyMayCarry: false }));
		expect(info).toEqual({ defaultBranch: 'main', branches: ['main'], private: null });
		const authorizations = hostile.requests.map((r) => r.headers.authorization ?? null);
		// Asked first without, then with its own token (isomorphic-git answers the 401).
		expect(authorizations[0]).toBeNull();
		expect(authorizations.slice(1)).toEqual(authorizations.slice(1).map(() => basic(HOST_TOKEN)));
		expect(authorizations.length).toBeGreaterThan(1);
		expect(leaks(hostile.requests, [GITHUB_TOKEN])).toEqual(
			hostile.requests.filter((r) => r.headers.authorization)
		);
	});

	it('through the CORS proxy: no token unless the user let the proxy carry it', async () => {
		expect(await failure(lookUp(credentials({ proxyMayCarry: false }), proxy.url))).toEqual({
			code: 'auth-withheld',
			message: `${host()} asks for credentials (401); its token is not sent through the CORS proxy.`,
			hint: `To send it anyway, allow the proxy to carry the token for ${host()} in Settings → Git hosts (the proxy then sees it).`
		});
		expect(proxy.requests.length).toBeGreaterThan(0);
		expect(hostile.requests.length).toBeGreaterThan(0);
		expect(leaks(proxy.requests, [GITHUB_TOKEN, HOST_TOKEN])).toEqual([]);
		expect(leaks(hostile.requests, [GITHUB_TOKEN, HOST_TOKEN])).toEqual([]);

		proxy.requests.length = 0;
		const info = await lookUp(credentials({ proxyMayCarry: true }), proxy.url);
		expect(info.branches).toEqual(['main']);
		expect(proxy.requests.some((r) => r.headers.authorization === basic(HOST_TOKEN))).toBe(true);
		expect(
			leaks(proxy.requests, [GITHUB_TOKEN]).every(
				(r) => r.headers.authorization === basic(HOST_TOKEN)
			)
		).toBe(true);
	});
});

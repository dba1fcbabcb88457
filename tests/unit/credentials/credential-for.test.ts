import { describe, expect, it } from 'vitest';
import {
	decideCredential,
	githubAuthorization,
	githubEndpointFor,
	hostKey,
	type CredentialRoute,
	type Credentials
} from '../../../src/lib/core/credentials/index.ts';

const GH = 'ghp_settingsToken000000000000000000000';
const LAB = 'glpat-hostToken0000000000';

const credentials: Credentials = {
	github: { token: GH, apiBase: 'https://api.github.com' },
	gitHosts: [
		{ host: 'gitlab.example.com', username: '', token: LAB, proxyMayCarry: false },
		{ host: 'git.corp.example:8443', username: 'me', token: 'corp-token', proxyMayCarry: true },
		{ host: 'bücher.example', username: '', token: 'idn-token', proxyMayCarry: false },
		{ host: '127.0.0.1:9999', username: '', token: 'local-token', proxyMayCarry: false },
		{ host: 'empty.example', username: '', token: '', proxyMayCarry: true }
	]
};

const api: CredentialRoute = { use: 'github-api' };
const git: CredentialRoute = { use: 'git' };
const proxied: CredentialRoute = { use: 'git', corsProxy: 'https://cors.isomorphic-git.org' };

/** [what, url, route, expected: the password sent (or null) and the reason]. */
const table: [string, string, CredentialRoute, string | null, string][] = [
	// GitHub's token: the API host and raw content, nothing else.
	['the API base', 'https://api.github.com/repos/o/r', api, GH, 'match'],
	['raw content for github.com', 'https://raw.githubusercontent.com/o/r/sha/f', api, GH, 'match'],
	['github.com itself (not the API)', 'https://github.com/o/r.git', git, null, 'no-credential'],
	['a lookalike subdomain', 'https://api.github.com.evil.com/repos', api, null, 'no-credential'],
	['a subdomain of the API host', 'https://x.api.github.com/repos', api, null, 'no-credential'],
	['userinfo naming the API host', 'https://api.github.com@evil.com/repos', api, null, 'userinfo'],
	['userinfo with a password', 'https://a:b@api.github.com/repos', api, null, 'userinfo'],
	['a trailing dot', 'https://api.github.com./repos', api, null, 'no-credential'],
	['plain http to the API host', 'http://api.github.com/repos', api, null, 'insecure'],
	['another port on the API host', 'https://api.github.com:8443/repos', api, null, 'no-credential'],
	['the default port written out', 'https://api.github.com:443/repos', api, GH, 'match'],
	['upper case', 'HTTPS://API.GITHUB.COM/repos', api, GH, 'match'],
	['an IDN lookalike (Cyrillic і)', 'https://gіthub.com/o/r', git, null, 'no-credential'],
	[
		'the GitHub token never via a proxy',
		'https://api.github.com/x',
		proxied,
		null,
		'proxy-not-allowed'
	],
	['not a URL', 'api.github.com/repos', api, null, 'bad-url'],
	['another scheme', 'ftp://api.github.com/x', api, null, 'insecure'],
	['a hostile git host', 'https://some-host/x.git', git, null, 'no-credential'],
	// A git host's own token: that host (and port) only.
	['a git host entry', 'https://gitlab.example.com/g/p.git', git, LAB, 'match'],
	[
		'a git host entry is not for REST',
		'https://gitlab.example.com/api',
		api,
		null,
		'no-credential'
	],
	[
		'a git host entry with its port',
		'https://git.corp.example:8443/r.git',
		git,
		'corp-token',
		'match'
	],
	['the same host on another port', 'https://git.corp.example/r.git', git, null, 'no-credential'],
	['a parent of an entry', 'https://example.com/r.git', git, null, 'no-credential'],
	[
		'an entry as suffix of another host',
		'https://evilgitlab.example.com/r.git',
		git,
		null,
		'no-credential'
	],
	[
		'an IDN entry, typed in Unicode',
		'https://xn--bcher-kva.example/r.git',
		git,
		'idn-token',
		'match'
	],
	['an IDN entry, asked in Unicode', 'https://bücher.example/r.git', git, 'idn-token', 'match'],
	['plain http to a git host', 'http://gitlab.example.com/g/p.git', git, null, 'insecure'],
	['http on loopback (tests)', 'http://127.0.0.1:9999/o/r.git', git, 'local-token', 'match'],
	['loopback on another port', 'http://127.0.0.1:9998/o/r.git', git, null, 'no-credential'],
	['an entry with no token', 'https://empty.example/r.git', git, null, 'no-credential'],
	// Through the CORS proxy: only where the user allowed it.
	[
		'a proxy not allowed for the host',
		'https://gitlab.example.com/g/p.git',
		proxied,
		null,
		'proxy-not-allowed'
	],
	[
		'a proxy allowed for the host',
		'https://git.corp.example:8443/r.git',
		proxied,
		'corp-token',
		'match'
	],
	[
		'a URL on the proxy itself',
		'https://cors.isomorphic-git.org/gitlab.example.com/g/p.git',
		proxied,
		null,
		'proxy-not-allowed'
	],
	[
		'an unreadable proxy',
		'https://git.corp.example:8443/r.git',
		{ use: 'git', corsProxy: 'not a url' },
		null,
		'proxy-not-allowed'
	]
];

describe('credentialFor: a credential goes only to the host it belongs to', () => {
	it.each(table)('%s', (_what, url, route, password, reason) => {
		const decision = decideCredential(url, credentials, route);
		expect({ password: decision.credential?.password ?? null, reason: decision.reason }).toEqual({
			password,
			reason
		});
	});

	it('names the user a git host entry gives, else x-access-token', () => {
		const corp = decideCredential('https://git.corp.example:8443/r.git', credentials, git);
		const lab = decideCredential('https://gitlab.example.com/g/p.git', credentials, git);
		expect([corp.credential, lab.credential]).toEqual([
			{ kind: 'git-host', host: 'git.corp.example:8443', username: 'me', password: 'corp-token' },
			{ kind: 'git-host', host: 'gitlab.example.com', username: 'x-access-token', password: LAB }
		]);
	});

	it('gives GitHub Enterprise its token on its own host (API and raw content), over its scheme', () => {
		const ghe: Credentials = {
			github: { token: GH, apiBase: 'https://ghe.corp.example/api/v3' },
			gitHosts: []
		};
		const sent = (url: string) => decideCredential(url, ghe, api).credential?.password ?? null;
		expect([
			sent('https://ghe.corp.example/api/v3/repos/o/r'),
			sent('https://ghe.corp.example/raw/o/r/sha/f'),
			sent('https://api.github.com/repos/o/r'),
			sent('https://raw.githubusercontent.com/o/r/sha/f'),
			sent('http://ghe.corp.example/api/v3/repos/o/r')
		]).toEqual([GH, GH, null, null, null]);
	});

	it('sends nothing when the API base itself is insecure or carries userinfo', () => {
		for (const apiBase of [
			'http://ghe.corp.example/api/v3',
			'https://u:p@ghe.corp.example/api/v3'
		]) {
			const settings = { github: { token: GH, apiBase }, gitHosts: [] };
			expect(decideCredential('https://ghe.corp.example/api/v3/x', settings, api).credential).toBe(
				null
			);
		}
	});

	it('makes the Bearer header and the endpoint for Octokit from the same decision', () => {
		expect([
			githubAuthorization('https://api.github.com/user', credentials),
			githubAuthorization('https://evil.example/user', credentials),
			githubEndpointFor('https://api.github.com', credentials),
			githubEndpointFor('https://api.github.com.evil.com', credentials)
		]).toEqual([
			`Bearer ${GH}`,
			null,
			{ apiBase: 'https://api.github.com', token: GH },
			{ apiBase: 'https://api.github.com.evil.com', token: '' }
		]);
	});
});

describe('hostKey: a host as typed in Settings', () => {
	it.each([
		['git.example.com', 'git.example.com'],
		['  Git.Example.COM  ', 'git.example.com'],
		['https://git.example.com/', 'git.example.com'],
		['git.example.com:8443', 'git.example.com:8443'],
		['https://git.example.com:443', 'git.example.com'],
		['git.example.com.', 'git.example.com'],
		['bücher.example', 'xn--bcher-kva.example'],
		['http://127.0.0.1:8080', '127.0.0.1:8080'],
		['https://git.example.com/group/repo.git', null],
		['user:pw@git.example.com', null],
		['git.example.com?x=1', null],
		['', null],
		['ftp://git.example.com', null],
		['exa mple.com', null]
	])('%j → %j', (input, key) => {
		expect(hostKey(input)).toBe(key);
	});
});

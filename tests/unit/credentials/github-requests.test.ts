// The two ways GitHub REST requests leave: the checkout's reader (which asks credentialFor per
// URL) and Octokit (which adds the token everywhere; the client's fetch drops it where
// credentialFor does not give it).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGitHubReader } from '../../../src/lib/core/forge/github/reader.ts';
import { checkGitHubToken } from '../../../src/lib/core/github/check-token.ts';
import { createGitHubClient } from '../../../src/lib/core/github/client.ts';

const TOKEN = 'ghp_octokitGuard000000000000000000000000';

afterEach(() => vi.unstubAllGlobals());

describe('the GitHub client sends its token only to its API host', () => {
	it('keeps Authorization for the API base and drops it for any other URL Octokit is given', async () => {
		const seen: [string, string | null][] = [];
		vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
			const url = input instanceof Request ? input.url : String(input);
			seen.push([url, new Headers(init?.headers).get('authorization')]);
			return Response.json({ login: 'octo' });
		});
		const octokit = createGitHubClient({ apiBase: 'https://api.github.com', token: TOKEN });
		for (const route of [
			'GET /user',
			'GET https://api.github.com/rate_limit',
			'GET https://evil.example/user',
			'GET https://api.github.com.evil.com/user',
			'GET http://api.github.com/user'
		]) {
			await octokit.request(route);
		}
		expect(seen).toEqual([
			['https://api.github.com/user', `token ${TOKEN}`],
			['https://api.github.com/rate_limit', `token ${TOKEN}`],
			['https://evil.example/user', null],
			['https://api.github.com.evil.com/user', null],
			['http://api.github.com/user', null]
		]);
	});
});

describe('the checkout reader sends the GitHub token only where Settings say', () => {
	async function sent(apiBase: string, settingsApiBase: string, urls: string[]) {
		const seen: [string, string | null][] = [];
		const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
			seen.push([String(input), new Headers(init?.headers).get('authorization')]);
			return Response.json({});
		};
		const reader = createGitHubReader({
			apiBase,
			credentials: { github: { token: TOKEN, apiBase: settingsApiBase }, gitHosts: [] },
			fetch
		});
		await reader.json('/repos/o/r');
		for (const url of urls) await reader.bytes(url);
		return seen;
	}

	it('github.com: the API and raw content get it, another host does not', async () => {
		expect(
			await sent('https://api.github.com', 'https://api.github.com', [
				'https://raw.githubusercontent.com/o/r/sha/a.txt',
				'https://evil.example/o/r/sha/a.txt'
			])
		).toEqual([
			['https://api.github.com/repos/o/r', `Bearer ${TOKEN}`],
			['https://raw.githubusercontent.com/o/r/sha/a.txt', `Bearer ${TOKEN}`],
			['https://evil.example/o/r/sha/a.txt', null]
		]);
	});

	it('a github.com repository while Settings name GitHub Enterprise: no token at all', async () => {
		expect(
			await sent('https://api.github.com', 'https://ghe.example/api/v3', [
				'https://raw.githubusercontent.com/o/r/sha/a.txt'
			])
		).toEqual([
			['https://api.github.com/repos/o/r', null],
			['https://raw.githubusercontent.com/o/r/sha/a.txt', null]
		]);
	});
});

describe("Settings' token check", () => {
	it('does not send the token to an API base over plain http (but to localhost)', async () => {
		const seen: string[] = [];
		vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
			seen.push(input instanceof Request ? input.url : String(input));
			return Response.json({ login: 'octo' });
		});
		const error = await checkGitHubToken({
			apiBase: 'http://ghe.example/api/v3',
			token: TOKEN
		}).catch((e: unknown) => e);
		expect(error).toMatchObject({ code: 'insecure-api-base' });
		expect(seen).toEqual([]);
	});
});

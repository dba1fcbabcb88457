// Shared pieces of the fake GitHub's tests: an Octokit client whose every response is checked
// against the OpenAPI description, a way to catch an expected failure, and git object ids.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Octokit } from '@octokit/rest';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startGitHubServer, type GitHubServer } from '../../servers/github.ts';
import { responseProblems, routeFor } from './github-openapi.ts';
import {
	createBareRepo,
	demoBranches,
	demoFiles,
	type FixtureFile
} from './github-repo-fixture.ts';

/** What the schema check found, across every client made with `checkedClient`. */
export const schemaLog = { checked: [] as string[], problems: [] as string[] };

type Failure = { status: number; response?: { status: number; data: unknown } };

export function checkedClient(baseUrl: string, token?: string): Octokit {
	// Quiet: the tests provoke many 4xx on purpose, and Octokit would log each one.
	const log = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
	const octokit = new Octokit({ baseUrl, log, ...(token ? { auth: token } : {}) });
	octokit.hook.wrap('request', async (request, options) => {
		// `options.url` is still the route template here, e.g. /repos/{owner}/{repo}.
		const check = (status: number, data: unknown) => {
			if (status === 204) return;
			const url = String(options.url);
			const path = url.startsWith('http') ? new URL(url).pathname : url;
			const route = url.startsWith('http') ? (routeFor(options.method, path) ?? path) : url;
			schemaLog.checked.push(`${options.method} ${route} ${status}`);
			schemaLog.problems.push(...responseProblems(options.method, route, status, data));
		};
		try {
			const response = await request(options);
			check(response.status, response.data);
			return response;
		} catch (error) {
			const { response } = error as Failure;
			if (response) check(response.status, response.data);
			throw error;
		}
	});
	return octokit;
}

/** The status and body of a request that must fail. */
export async function failure(
	request: Promise<unknown>
): Promise<{ status: number; data: unknown }> {
	try {
		await request;
	} catch (error) {
		const { status, response } = error as Failure;
		return { status, data: response?.data };
	}
	throw new Error('the request succeeded, but it should have failed');
}

/** GitHub's error body for `status` with `message`. */
export const errorBody = (status: number, message: string) => ({
	message,
	documentation_url: 'https://docs.github.com/rest',
	status: String(status)
});

/** The id git gives a blob with these bytes. */
export function blobSha(content: string | Buffer): string {
	const bytes = typeof content === 'string' ? Buffer.from(content) : content;
	return createHash('sha1')
		.update(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes]))
		.digest('hex');
}

/** GitHub's base64: 60-character lines, each ending in a newline. */
export function githubBase64(content: string | Buffer): string {
	const text = Buffer.from(content).toString('base64');
	return (text.match(/.{1,60}/g) ?? []).map((line) => `${line}\n`).join('');
}

export const tokens = {
	'tok-write': { login: 'octo', scopes: ['repo', 'workflow'] },
	'tok-public': { login: 'octo', scopes: ['public_repo'] },
	'tok-readonly': { login: 'octo', readOnly: true }
};

export type TestBed = {
	server: GitHubServer;
	root: string;
	/** `<server>/repos/octo`, the start of every repository URL in the tests. */
	api: string;
	/** A fresh copy of the demo repository as octo/<name>, so a test's writes stay its own. */
	demoRepo(name: string, extra?: Record<string, Record<string, FixtureFile>>): string;
	write(): Octokit;
	anonymous(): Octokit;
};

/** Starts one server for the file's tests and fails any test whose bodies break the schema. */
export function useGitHubServer(): TestBed {
	const bed = {
		demoRepo: (name, extra = {}) =>
			createBareRepo(bed.root, 'octo', name, {
				files: demoFiles,
				branches: { ...demoBranches, ...extra }
			}),
		write: () => checkedClient(bed.server.url, 'tok-write'),
		anonymous: () => checkedClient(bed.server.url)
	} as TestBed;
	beforeAll(async () => {
		bed.root = mkdtempSync(join(tmpdir(), 'gh-server-'));
		bed.server = await startGitHubServer({ root: bed.root, tokens });
		bed.api = `${bed.server.url}/repos/octo`;
	});
	afterAll(async () => {
		await bed.server.close();
		rmSync(bed.root, { recursive: true, force: true });
	});
	afterEach(() => {
		const problems = schemaLog.problems.splice(0);
		schemaLog.checked.length = 0;
		expect(problems).toEqual([]);
	});
	return bed;
}

// The GraphQL batches a checkout with a token makes, and the GitHub peer's answer to them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import {
	blobsQuery,
	graphqlBatches,
	GRAPHQL_FILES_PER_REQUEST
} from '../../../src/lib/core/forge/github/graphql.ts';
import { parseRepoInput } from '../../../src/lib/core/git/index.ts';
import type { BaselineEntry } from '../../../src/lib/core/git/baseline.ts';
import { startPeers, TOKEN, type Peers } from './peers.ts';

let peers: Peers;
beforeAll(async () => {
	peers = await startPeers();
});
afterAll(() => peers.stop());

const entry = (path: string, size: number): BaselineEntry => ({
	path,
	mode: '100644',
	oid: '0'.repeat(40),
	size
});

describe('graphqlBatches', () => {
	it('cuts by file count and by listed size, in order, never leaving a file out', () => {
		const many = Array.from({ length: GRAPHQL_FILES_PER_REQUEST * 2 + 1 }, (_, i) =>
			entry(`f${i}`, 10)
		);
		expect(graphqlBatches(many).map((b) => b.length)).toEqual([
			GRAPHQL_FILES_PER_REQUEST,
			GRAPHQL_FILES_PER_REQUEST,
			1
		]);
		const big = [
			entry('a', 1_500_000),
			entry('b', 1_500_000),
			entry('c', 3_000_000),
			entry('d', 1),
			entry('e', 1)
		];
		expect(graphqlBatches(big).map((b) => b.map((e) => e.path))).toEqual([
			['a'],
			['b'],
			['c'],
			['d', 'e']
		]);
	});
});

describe('the GitHub peer’s POST /graphql', () => {
	const post = (body: unknown, token = TOKEN) =>
		fetch(`${peers.github.url}/graphql`, {
			method: 'POST',
			headers: token ? { Authorization: `Bearer ${token}` } : {},
			body: JSON.stringify(body)
		});

	it('answers blob text, size and binariness by expression, null for a missing path', async () => {
		const ref = parseRepoInput('acme/binary-file', peers.github.url).ref;
		if (ref.kind !== 'github') throw new Error('not github');
		const commit = execFileSync(
			'git',
			['--git-dir', peers.repos['binary-file']!, 'rev-parse', 'main'],
			{
				encoding: 'utf8'
			}
		).trim();
		const paths = ['windows.txt', 'assets/logo.png', 'no/such "file"'];
		const query = blobsQuery(
			ref,
			commit,
			paths.map((p) => entry(p, 0))
		);
		const answer = await (await post({ query })).json();
		expect(answer.data.repository).toEqual({
			f0: { text: 'first line\r\nsecond line\r\nthird line\r\n', byteSize: 37, isBinary: false },
			f1: { text: null, byteSize: expect.any(Number), isBinary: true },
			f2: null
		});
	});

	it('needs a token, and refuses other query shapes with a GraphQL error', async () => {
		expect((await post({ query: '{ viewer { login } }' }, '')).status).toBe(401);
		const other = await (await post({ query: '{ viewer { login } }' })).json();
		expect(other.errors[0].message).toBe('This peer answers only blob contents by expression');
		const missing = await (
			await post({
				query: `{ repository(owner: "acme", name: "nope") { f0: object(expression: "main:x") { ... on Blob { text byteSize isBinary } } } }`
			})
		).json();
		expect(missing).toMatchObject({ data: { repository: null }, errors: [{ type: 'NOT_FOUND' }] });
	});
});

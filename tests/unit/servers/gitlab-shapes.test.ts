// The GitLab peer's answers held to what Patchbay reads and to GitLab's published types
// (@gitbeaker/core). The app's own code drives the peer (lookup, checkout by tree + raw blobs and
// by archive, listing, push and follow-up, rebase, merge request opened then updated, token check,
// a 404 and a missing scope); every answer is recorded and checked against the shape of its
// endpoint. At compile time each shape agrees with the published type, and the app's types with
// both, so the app, the peer and the published description cannot drift apart unnoticed.
import 'fake-indexeddb/auto';
import LightningFS from '@isomorphic-git/lightning-fs';
import type {
	BranchSchema,
	CommitDiffSchema,
	CommitSchema,
	MergeRequestSchema,
	PersonalAccessTokenSchema,
	ProjectSchema,
	RepositoryCompareSchema,
	RepositoryFileExpandedSchema,
	RepositoryTreeSchema,
	UserSchema
} from '@gitbeaker/core';
import type { PromiseFsClient } from 'isomorphic-git';
import http from 'isomorphic-git/http/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credentials } from '../../../src/lib/core/credentials/index.ts';
import { checkout, forgeFor, forgeRepoFor } from '../../../src/lib/core/forge/index.ts';
import type { BranchDiff } from '../../../src/lib/core/forge/gitlab/commit-actions.ts';
import type {
	GitLabBranch,
	GitLabCommit,
	GitLabMergeRequest,
	GitLabProject,
	ProjectApi
} from '../../../src/lib/core/forge/gitlab/project-api.ts';
import type { GitLabTreeEntry } from '../../../src/lib/core/forge/gitlab/tree-listing.ts';
import { parseRepoInput } from '../../../src/lib/core/git/index.ts';
import { buildBareRepo } from '../../fixtures/build-repos.ts';
import { READ_TOKEN, startForgePeers, TOKEN, type ForgePeers } from '../forge/peers.ts';
import type { Agrees } from './agrees.ts';
import { checkAnswers, recordAnswers, type Answer, type Endpoint } from './forge-answers.ts';
import * as s from './json-shape.ts';

// What Patchbay reads from each answer (src/lib/core/forge/gitlab/*.ts).
const commit = s.object({
	id: s.sha,
	parent_ids: s.array(s.sha),
	message: s.string,
	web_url: s.string,
	tree_id: s.sha
});
const branch = s.object({ name: s.string, commit: s.object({ id: s.sha }) });
const project = s.object({
	id: s.integer,
	path_with_namespace: s.string,
	default_branch: s.nullable(s.string),
	visibility: s.oneOf('private', 'internal', 'public'),
	web_url: s.string
});
const diff = s.object({
	old_path: s.string,
	new_path: s.string,
	a_mode: s.string,
	b_mode: s.string,
	new_file: s.boolean,
	renamed_file: s.boolean,
	deleted_file: s.boolean
});
const compare = s.object({ diffs: s.array(diff) });
const file = s.object({ content: s.string, blob_id: s.sha, execute_filemode: s.boolean });
const treeEntry = s.object({
	id: s.sha,
	name: s.string,
	type: s.string,
	path: s.string,
	mode: s.string
});
const mergeRequest = s.object({
	iid: s.integer,
	web_url: s.string,
	title: s.string,
	description: s.nullable(s.string),
	source_branch: s.string,
	target_branch: s.string,
	state: s.string,
	draft: s.boolean
});
const user = s.object({ username: s.string });
const token = s.object({ scopes: s.array(s.string) });
/** What rest-client's messageOf and gitlab/errors.ts read: a message (GitLab sends a list for
 * some 409s), or OAuth's `error` with the missing `scope`. No published type covers it. */
const error = s.either(
	s.object({ message: s.either(s.string, s.array(s.string)) }),
	s.object({ error: s.string, scope: s.string })
);

type I<S> = s.Infer<S>;
/** Compile-time agreements; `npm run check` fails on this array when one no longer holds. */
const agreements = [
	// Each shape against the published type.
	true satisfies Agrees<I<typeof project>, ProjectSchema>,
	true satisfies Agrees<I<typeof branch>, BranchSchema>,
	// gitbeaker marks `parent_ids` optional (GitLab's commit entity always has it) and has no
	// `tree_id` (some hosts send it; the app uses it only where sent).
	true satisfies Agrees<I<typeof commit>, CommitSchema, 'parent_ids' | 'tree_id'>,
	// `diffs` is optional in the type; each diff is checked on its own.
	true satisfies Agrees<I<typeof compare>, RepositoryCompareSchema, 'diffs'>,
	// gitbeaker marks `a_mode` optional; GitLab's compare sends it for every diff (its docs),
	// and the app reads it only for files that existed before.
	true satisfies Agrees<I<typeof diff>, CommitDiffSchema, 'a_mode'>,
	// GitLab's docs list `execute_filemode` in this answer; the type is behind.
	true satisfies Agrees<I<typeof file>, RepositoryFileExpandedSchema, 'execute_filemode'>,
	true satisfies Agrees<I<typeof treeEntry>, RepositoryTreeSchema>,
	true satisfies Agrees<I<typeof mergeRequest>, MergeRequestSchema>,
	true satisfies Agrees<I<typeof user>, UserSchema>,
	// Optional in the type; the app treats a token answer without scopes as "scopes unknown".
	true satisfies Agrees<I<typeof token>, PersonalAccessTokenSchema, 'scopes'>,
	// The app's types against the shapes (every field it reads is checked at run time) ...
	true satisfies Agrees<GitLabProject, I<typeof project>>,
	true satisfies Agrees<GitLabBranch, I<typeof branch>>,
	true satisfies Agrees<GitLabCommit, I<typeof commit>>,
	true satisfies Agrees<Awaited<ReturnType<ProjectApi['compare']>>, I<typeof compare>>,
	true satisfies Agrees<GitLabMergeRequest, I<typeof mergeRequest>>,
	// The app narrows `type` to GitLab's three kinds; anything else is judged by its mode.
	true satisfies Agrees<GitLabTreeEntry, I<typeof treeEntry>, 'type'>,
	// ... and against the published types directly, with the same exceptions.
	true satisfies Agrees<GitLabProject, ProjectSchema>,
	true satisfies Agrees<GitLabBranch, BranchSchema>,
	true satisfies Agrees<GitLabCommit, CommitSchema, 'parent_ids' | 'tree_id'>,
	true satisfies Agrees<BranchDiff, CommitDiffSchema, 'a_mode'>,
	true satisfies Agrees<GitLabMergeRequest, MergeRequestSchema>,
	true satisfies Agrees<GitLabTreeEntry, RepositoryTreeSchema, 'type'>
];

const project$ = String.raw`^/projects/[^/]+`;
const at = (rest: string) => new RegExp(`${project$}${rest}$`);
const endpoints: Endpoint[] = [
	{ name: 'project', method: 'GET', path: at(''), shape: project },
	{ name: 'branches', method: 'GET', path: at('/repository/branches'), shape: s.array(branch) },
	{ name: 'branch', method: 'GET', path: at('/repository/branches/[^/]+'), shape: branch },
	{ name: 'commit', method: 'GET', path: at('/repository/commits/[^/]+'), shape: commit },
	{ name: 'create commit', method: 'POST', path: at('/repository/commits'), shape: commit },
	{ name: 'compare', method: 'GET', path: at('/repository/compare'), shape: compare },
	{ name: 'file', method: 'GET', path: at('/repository/files/[^/]+'), shape: file },
	{ name: 'tree', method: 'GET', path: at('/repository/tree'), shape: s.array(treeEntry) },
	{ name: 'raw blob', method: 'GET', path: at('/repository/blobs/[0-9a-f]+/raw'), shape: 'bytes' },
	{ name: 'archive', method: 'GET', path: at('/repository/archive[.a-z]*'), shape: 'bytes' },
	{
		name: 'merge requests',
		method: 'GET',
		path: at('/merge_requests'),
		shape: s.array(mergeRequest)
	},
	{ name: 'open MR', method: 'POST', path: at('/merge_requests'), shape: mergeRequest },
	{ name: 'update MR', method: 'PUT', path: at('/merge_requests/\\d+'), shape: mergeRequest },
	{ name: 'user', method: 'GET', path: /^\/user$/, shape: user },
	{ name: 'token', method: 'GET', path: /^\/personal_access_tokens\/self$/, shape: token }
];

let peers: ForgePeers;
const answers: Answer[] = [];
let stopRecording = () => {};
beforeAll(async () => {
	peers = await startForgePeers();
	stopRecording = recordAnswers(() => `${peers.gitlab.url}/api/v4`, answers);
});
afterAll(async () => {
	stopRecording();
	await peers.stop();
});

const bytes = (text: string) => new TextEncoder().encode(text);

function credentials(token: string): Credentials {
	const host = new URL(peers.gitlab.url).host;
	return {
		github: { apiBase: 'https://api.github.com', token: '' },
		gitHosts: [{ host, username: '', token, proxyMayCarry: false, kind: 'gitlab' }]
	};
}

function gitlab(path: string, token = TOKEN) {
	const host = new URL(peers.gitlab.url).host;
	const ref = parseRepoInput(`${peers.gitlab.url}/${path}`, 'https://api.github.com').ref;
	const forge = forgeFor(forgeRepoFor(ref, [{ host, kind: 'gitlab' }]), {
		credentials: credentials(token)
	});
	if (!forge) throw new Error('no GitLab forge');
	return forge;
}

let stores = 0;
const checkedOut = (path: string) =>
	checkout({
		ref: { kind: 'git', url: `${peers.gitlab.url}/${path}` },
		branch: 'main',
		fs: new LightningFS(`gl-shapes-${++stores}`, { wipe: true }) as unknown as PromiseFsClient,
		http,
		credentials: credentials(TOKEN),
		corsProxy: ''
	});

const pick = (body: unknown, keys: string[]) =>
	Object.fromEntries(keys.map((k) => [k, (body as Record<string, unknown>)[k]]));

describe('GitLab peer answers, as the app reads them and GitLab publishes them', () => {
	it('holds to the published types at compile time', () => {
		expect(agreements.every((ok) => ok === true)).toBe(true);
	});

	it('answers every endpoint the app calls in the shape the app reads', async () => {
		const copy = await peers.fresh('exec-and-symlink', 'shapes/sub');
		const forge = gitlab(copy.path);
		expect(await forge.lookup()).toEqual({
			defaultBranch: 'main',
			branches: ['main'],
			private: false
		});
		const { store } = await checkedOut(copy.path);
		await forge.listing!({
			branch: 'main',
			store,
			maxFileBytes: 1_000_000,
			paths: () => ['README.md']
		});
		const readme = copy.show('main:README.md');
		const changes = [
			{ path: 'README.md', before: readme, after: bytes('# edited\n') },
			{ path: 'tools/go.sh', before: null, after: bytes('#!/bin/sh\n'), afterMode: '100755' }
		];
		const options = {
			baseline: copy.baseline,
			changes,
			branch: { title: 'Edit' },
			message: 'Edit'
		};
		const first = await forge.push(options);
		expect((await forge.push(options)).outcome).toBe('up-to-date');
		await forge.push({
			...options,
			changes: [changes[0]!],
			message: 'Edit again',
			existingBranch: { name: first.branch, sha: first.commitSha }
		});
		await forge.rebaseOnto('main', copy.baseline.commit, changes);
		const request = {
			head: first.branch,
			base: 'main',
			title: 'Edit',
			draft: false,
			baselineCommit: copy.baseline.commit
		};
		await forge.openChangeRequest!({ ...request, body: 'First' });
		await forge.openChangeRequest!({ ...request, body: 'Second' });
		expect(await forge.checkToken!()).toEqual({ login: 'tanuki', scopes: ['api'], missing: [] });
		expect(await forge.branchHead('no-such-branch')).toBeNull();
		await expect(gitlab(copy.path, READ_TOKEN).push(options)).rejects.toMatchObject({
			code: 'missing-scope'
		});
		// More than 100 blobs the store lacks: the checkout takes the repository archive.
		const many: Record<string, string> = {};
		for (let i = 0; i < 120; i++) many[`part-${i % 3}/file-${i}.txt`] = `file ${i}\n`;
		await buildBareRepo(peers.root, 'shapes/sub', 'many', many);
		await checkedOut('shapes/sub/many');

		const { problems, seen } = checkAnswers(answers, endpoints, error);
		expect(problems).toEqual([]);
		expect([...seen].sort()).toEqual(endpoints.map((e) => e.name).sort());
		expect(answers.some((a) => a.status === 404)).toBe(true);
		expect(answers.some((a) => a.status === 403)).toBe(true);
	});

	it('answers with the values git and the peer hold, for the fields the app reads', async () => {
		const copy = await peers.fresh('exec-and-symlink', 'values/sub');
		answers.length = 0;
		const forge = gitlab(copy.path);
		await forge.lookup();
		await checkedOut(copy.path);
		const body = (name: string) => {
			const endpoint = endpoints.find((e) => e.name === name)!;
			return answers.find((a) => a.method === endpoint.method && endpoint.path.test(a.path))!.body;
		};
		expect(
			pick(body('project'), ['path_with_namespace', 'default_branch', 'visibility', 'web_url'])
		).toEqual({
			path_with_namespace: copy.path,
			default_branch: 'main',
			visibility: 'public',
			web_url: `${peers.gitlab.url}/${copy.path}`
		});
		expect(body('branches')).toMatchObject([
			{ name: 'main', commit: { id: copy.baseline.commit } }
		]);
		expect(pick(body('commit'), ['id', 'parent_ids', 'tree_id'])).toEqual({
			id: copy.baseline.commit,
			parent_ids: copy.git('rev-list', '--parents', '-n1', 'main').split(' ').slice(1),
			tree_id: copy.baseline.tree
		});
		const message = (body('commit') as { message: string }).message;
		expect(message.trimEnd()).toBe(copy.git('log', '-1', '--format=%B', 'main'));
	});
});

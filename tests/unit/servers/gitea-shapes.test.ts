// The Gitea peer's answers held to what Patchbay reads and to the published descriptions of API
// v1: Gitea's swagger (gitea-js) and Forgejo's (@llamaduck/forgejo-ts). The app's own code drives
// the peer (lookup, branch heads, a pull request opened then updated, token check, an issue and
// its comments, a 404, a missing scope); every answer is recorded and checked against the shape of its endpoint. At
// compile time each shape agrees with both published types, and the app's types with all three.
// (Pushes go over smart HTTP, not this API.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credentials } from '../../../src/lib/core/credentials/index.ts';
import { forgeFor, forgeRepoFor, type Forge } from '../../../src/lib/core/forge/index.ts';
import type {
	GiteaBranch as AppBranch,
	GiteaPull as AppPull,
	GiteaRepo as AppRepo
} from '../../../src/lib/core/forge/gitea/repo-api.ts';
import { parseRepoInput } from '../../../src/lib/core/git/index.ts';
import { parseForgeIssueRef, readForgeIssue } from '../../../src/lib/core/issues/forge-issue.ts';
import type {
	GiteaBranch,
	GiteaComment,
	GiteaIssue,
	GiteaPullRequest,
	GiteaRepository,
	GiteaUser
} from '../../servers/gitea/shapes.ts';
import { seedIssue } from '../../servers/issue-file.ts';
import type { Sure } from '../../servers/published-shape.ts';
import { READ_TOKEN, startForgePeers, TOKEN, type ForgePeers } from '../forge/peers.ts';
import type { Agrees } from './agrees.ts';
import { checkAnswers, recordAnswers, type Answer, type Endpoint } from './forge-answers.ts';
import * as s from './json-shape.ts';

// What Patchbay reads from each answer (src/lib/core/forge/gitea/*.ts).
const repository = s.object({
	default_branch: s.string,
	private: s.boolean,
	html_url: s.string,
	empty: s.boolean
});
const branch = s.object({ name: s.string, commit: s.object({ id: s.sha }) });
const pull = s.object({
	number: s.integer,
	html_url: s.string,
	title: s.string,
	body: s.string,
	head: s.object({ ref: s.string }),
	base: s.object({ ref: s.string })
});
const user = s.object({ login: s.string });
// forge/gitea/issue.ts reads these (its types are its own: body and user may be null there).
const issue = s.object({ title: s.string, body: s.string, user: s.object({ login: s.string }) });
const comment = s.object({ body: s.string, user: s.object({ login: s.string }) });
/** What rest-client's messageOf and gitea/errors.ts read (APIError's `message`). */
const error = s.object({ message: s.string });

type I<S> = s.Infer<S>;
// Gitea's swagger marks no field required, so its generated types make all optional: `Sure`
// reads them as sent (see published-shape.ts).
type Published<T> = Sure<T>;
/** Compile-time agreements; `npm run check` fails on this array when one no longer holds. */
const agreements = [
	true satisfies Agrees<I<typeof repository>, Published<GiteaRepository>>,
	true satisfies Agrees<I<typeof branch>, Published<GiteaBranch>>,
	true satisfies Agrees<I<typeof pull>, Published<GiteaPullRequest>>,
	true satisfies Agrees<I<typeof user>, Published<GiteaUser>>,
	true satisfies Agrees<I<typeof issue>, Published<GiteaIssue>>,
	true satisfies Agrees<I<typeof comment>, Published<GiteaComment>>,
	true satisfies Agrees<AppRepo, I<typeof repository>>,
	true satisfies Agrees<AppBranch, I<typeof branch>>,
	true satisfies Agrees<AppPull, I<typeof pull>>,
	true satisfies Agrees<AppRepo, Published<GiteaRepository>>,
	true satisfies Agrees<AppBranch, Published<GiteaBranch>>,
	true satisfies Agrees<AppPull, Published<GiteaPullRequest>>
];

const repo$ = String.raw`^/repos/[^/]+/[^/]+`;
const at = (rest: string) => new RegExp(`${repo$}${rest}$`);
const endpoints: Endpoint[] = [
	{ name: 'repository', method: 'GET', path: at(''), shape: repository },
	{ name: 'branches', method: 'GET', path: at('/branches'), shape: s.array(branch) },
	{ name: 'branch', method: 'GET', path: at('/branches/[^/]+'), shape: branch },
	{ name: 'pulls', method: 'GET', path: at('/pulls'), shape: s.array(pull) },
	{ name: 'open pull', method: 'POST', path: at('/pulls'), shape: pull },
	{ name: 'update pull', method: 'PATCH', path: at('/pulls/\\d+'), shape: pull },
	{ name: 'user', method: 'GET', path: /^\/user$/, shape: user },
	{ name: 'issue', method: 'GET', path: at('/issues/\\d+'), shape: issue },
	{ name: 'comments', method: 'GET', path: at('/issues/\\d+/comments'), shape: s.array(comment) }
];

let peers: ForgePeers;
const answers: Answer[] = [];
let stopRecording = () => {};
beforeAll(async () => {
	peers = await startForgePeers();
	stopRecording = recordAnswers(() => `${peers.gitea.url}/api/v1`, answers);
});
afterAll(async () => {
	stopRecording();
	await peers.stop();
});

function credentialsFor(token: string): Credentials {
	const host = new URL(peers.gitea.url).host;
	return {
		github: { apiBase: 'https://api.github.com', token: '' },
		gitHosts: [{ host, username: '', token, proxyMayCarry: false }]
	};
}

async function gitea(path: string, token = TOKEN): Promise<Forge> {
	const host = new URL(peers.gitea.url).host;
	const ref = parseRepoInput(`${peers.gitea.url}/${path}`, 'https://api.github.com').ref;
	const forge = await forgeFor(forgeRepoFor(ref, [{ host, kind: 'gitea' }]), {
		credentials: credentialsFor(token)
	});
	if (!forge) throw new Error('no Gitea forge');
	return forge;
}

describe('Gitea peer answers, as the app reads them and Gitea and Forgejo publish them', () => {
	it('holds to the published types at compile time', () => {
		expect(agreements.every((ok) => ok === true)).toBe(true);
	});

	it('answers every endpoint the app calls in the shape the app reads', async () => {
		const copy = await peers.fresh('exec-and-symlink', 'shapes');
		copy.git('branch', 'patchbay/edit', 'main');
		const forge = await gitea(copy.path);
		expect(await forge.lookup()).toEqual({
			defaultBranch: 'main',
			branches: ['main', 'patchbay/edit'],
			private: false
		});
		expect(await forge.branchHead('main')).toBe(copy.baseline.commit);
		expect(await forge.branchHead('no-such-branch')).toBeNull();
		const request = {
			head: 'patchbay/edit',
			base: 'main',
			title: 'Edit',
			draft: false,
			baselineCommit: copy.baseline.commit
		};
		const opened = await forge.openChangeRequest!({ ...request, body: 'First' });
		expect(await forge.openChangeRequest!({ ...request, body: 'Second' })).toEqual({
			...opened,
			created: false
		});
		expect(await forge.checkToken!()).toEqual({ login: 'forgejo', scopes: null, missing: [] });
		const number = await seedIssue(copy.gitDir, {
			title: 'Crash on start',
			body: 'It crashes.',
			author: 'ada',
			comments: [{ author: 'bob', body: 'Me too.' }]
		});
		const host = new URL(peers.gitea.url).host;
		const address = `${peers.gitea.url}/${copy.path}/issues/${number}`;
		const issueRef = parseForgeIssueRef(address, [{ host, kind: 'gitea' }]);
		expect(await readForgeIssue(issueRef!, credentialsFor(TOKEN))).toEqual({
			title: 'Crash on start',
			body: 'It crashes.',
			author: 'ada',
			comments: [{ author: 'bob', body: 'Me too.' }]
		});
		await expect(
			(await gitea(copy.path, READ_TOKEN)).openChangeRequest!({
				...request,
				head: 'main',
				body: 'x'
			})
		).rejects.toMatchObject({ code: 'missing-scope' });

		const { problems, seen } = checkAnswers(answers, endpoints, error);
		expect(problems).toEqual([]);
		expect([...seen].sort()).toEqual(endpoints.map((e) => e.name).sort());
		expect(answers.filter((a) => a.status >= 400).map((a) => a.status)).toEqual([404, 403]);
	});

	it('answers with the values git and the peer hold, for the fields the app reads', async () => {
		const copy = await peers.fresh('exec-and-symlink', 'values');
		copy.git('branch', 'patchbay/edit', 'main');
		answers.length = 0;
		const forge = await gitea(copy.path);
		await forge.lookup();
		await forge.openChangeRequest!({
			head: 'patchbay/edit',
			base: 'main',
			title: 'Edit',
			draft: true,
			baselineCommit: copy.baseline.commit,
			body: 'The body'
		});
		const body = (name: string) => {
			const endpoint = endpoints.find((e) => e.name === name)!;
			return answers.find((a) => a.method === endpoint.method && endpoint.path.test(a.path))!.body;
		};
		expect(body('repository')).toMatchObject({
			default_branch: 'main',
			private: false,
			html_url: `${peers.gitea.url}/${copy.path}`,
			empty: false
		} satisfies I<typeof repository>);
		expect(body('branches')).toEqual([
			{ name: 'main', commit: { id: copy.baseline.commit } },
			{ name: 'patchbay/edit', commit: { id: copy.baseline.commit } }
		] satisfies I<typeof branch>[]);
		expect(body('open pull')).toMatchObject({
			number: 1,
			html_url: `${peers.gitea.url}/${copy.path}/pulls/1`,
			title: 'WIP: Edit',
			body: 'The body',
			head: { ref: 'patchbay/edit' },
			base: { ref: 'main' }
		} satisfies I<typeof pull>);
	});
});

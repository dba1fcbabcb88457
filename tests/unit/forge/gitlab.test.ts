// What only GitLab does: its refusals (a missing scope, a protected branch) get their own codes,
// a new symlink is refused before anything is sent, a follow-up that must put a deleted
// symlink back rewrites the branch from the baseline, and a push is ONE commit request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgeFor, forgeRepoFor, type Forge } from '../../../src/lib/core/forge/index.ts';
import { parseRepoInput } from '../../../src/lib/core/git/index.ts';
import { expectedTree } from './expected-tree.ts';
import { READ_TOKEN, startForgePeers, TOKEN, type FixtureCopy, type ForgePeers } from './peers.ts';

let peers: ForgePeers;
beforeAll(async () => {
	peers = await startForgePeers();
});
afterAll(() => peers.stop());

const bytes = (text: string) => new TextEncoder().encode(text);

async function gitlab(copy: FixtureCopy, token = TOKEN): Promise<Forge> {
	const host = new URL(peers.gitlab.url).host;
	const ref = parseRepoInput(`${peers.gitlab.url}/${copy.path}`, 'https://api.github.com').ref;
	const forge = await forgeFor(forgeRepoFor(ref, [{ host, kind: 'gitlab' }]), {
		credentials: {
			github: { apiBase: 'https://api.github.com', token: '' },
			gitHosts: [{ host, username: '', token, proxyMayCarry: false }]
		}
	});
	if (!forge) throw new Error('no GitLab forge');
	return forge;
}

const readmeEdit = (copy: FixtureCopy) => ({
	path: 'README.md',
	before: copy.show('main:README.md'),
	after: bytes('# edited\n')
});

describe('GitLab forge', () => {
	it('pushes with one commit request, subgroup path encoded once', async () => {
		const copy = await peers.fresh('exec-and-symlink', 'grp/sub');
		peers.gitlab.requests.length = 0;
		await (
			await gitlab(copy)
		).push({
			baseline: copy.baseline,
			changes: [readmeEdit(copy)],
			branch: { title: 'Edit' },
			message: 'Edit'
		});
		const writes = peers.gitlab.requests.filter((r) => r.method !== 'GET');
		expect(writes).toEqual([
			{
				method: 'POST',
				path: `/api/v4/projects/${encodeURIComponent(copy.path)}/repository/commits`,
				status: 201,
				authorization: `Bearer ${TOKEN}`
			}
		]);
	});

	it('names a token without the api scope, and a protected branch, each with its own code', async () => {
		const copy = await peers.fresh('exec-and-symlink', 'grp/sub');
		const options = {
			baseline: copy.baseline,
			changes: [readmeEdit(copy)],
			branch: { title: 'Edit' },
			message: 'Edit'
		};
		await expect((await gitlab(copy, READ_TOKEN)).push(options)).rejects.toMatchObject({
			code: 'missing-scope',
			message: `The GitLab token lacks the \`api\` scope, so it may not change ${copy.path}.`
		});
		peers.gitlab.protect(copy.path, ['patchbay/*']);
		await expect((await gitlab(copy)).push(options)).rejects.toMatchObject({
			code: 'branch-protected',
			message:
				'GitLab refused to write the branch: 403 Forbidden - You are not allowed to push into this branch'
		});
		expect(copy.git('for-each-ref', '--format=%(refname)', 'refs/heads/')).toBe('refs/heads/main');
	});

	it('refuses a new symlink before sending anything', async () => {
		const copy = await peers.fresh('exec-and-symlink', 'grp/sub');
		peers.gitlab.requests.length = 0;
		await expect(
			(await gitlab(copy)).push({
				baseline: copy.baseline,
				changes: [
					{ path: 'latest', before: null, after: bytes('bin/run.sh'), afterMode: '120000' }
				],
				branch: { title: 'Link' },
				message: 'Link'
			})
		).rejects.toMatchObject({ code: 'symlink-unsupported' });
		expect(peers.gitlab.requests).toEqual([]);
	});

	it('puts a deleted symlink back by rewriting the branch from the baseline', async () => {
		const copy = await peers.fresh('exec-and-symlink', 'grp/sub');
		const forge = await gitlab(copy);
		const dropLink = {
			path: 'link-to-readme',
			before: bytes('README.md'),
			after: null,
			beforeMode: '120000'
		};
		const first = await forge.push({
			baseline: copy.baseline,
			changes: [readmeEdit(copy), dropLink],
			branch: { title: 'Edit' },
			message: 'Edit'
		});
		const changes = [readmeEdit(copy)];
		const next = await forge.push({
			baseline: copy.baseline,
			changes,
			branch: { title: 'Edit' },
			message: 'Edit again',
			existingBranch: { name: first.branch, sha: first.commitSha }
		});
		expect(next.outcome).toBe('updated');
		expect(copy.git('rev-parse', `${first.branch}^{tree}`)).toBe(
			expectedTree(copy.gitDir, copy.baseline.tree, changes)
		);
		expect(copy.git('rev-parse', `${first.branch}^`)).toBe(copy.baseline.commit);
	});

	it('names a repository the token cannot see', async () => {
		const copy = await peers.fresh('exec-and-symlink', 'grp/sub');
		const missing = { ...copy, path: `${copy.path}-gone` };
		await expect((await gitlab(missing)).lookup()).rejects.toMatchObject({
			code: 'repo-not-found'
		});
	});
});

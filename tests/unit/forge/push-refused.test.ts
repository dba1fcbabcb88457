// A host that refuses the branch (a protection rule, a server hook) is named as such, with its
// reason, for every forge that pushes over git (plain git, Gitea): not an unexpected error.
import 'fake-indexeddb/auto';
import LightningFS from '@isomorphic-git/lightning-fs';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PromiseFsClient } from 'isomorphic-git';
import http from 'isomorphic-git/http/web';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkout, forgeFor, forgeRepoFor } from '../../../src/lib/core/forge/index.ts';
import { parseRepoInput } from '../../../src/lib/core/git/index.ts';
import { startForgePeers, type ForgePeers } from './peers.ts';

let peers: ForgePeers;
beforeAll(async () => {
	peers = await startForgePeers();
});
afterAll(() => peers.stop());

it('a branch refused by a pre-receive hook is a push-rejected error with the reason', async () => {
	const copy = await peers.fresh('empty-ish', 'hooked');
	const hook = join(copy.gitDir, 'hooks', 'pre-receive');
	await writeFile(hook, '#!/bin/sh\necho "branch is protected" >&2\nexit 1\n');
	await chmod(hook, 0o755);
	const credentials = { github: { apiBase: 'https://api.github.com', token: '' }, gitHosts: [] };
	const url = `${peers.git.url}/${copy.path}.git`;
	const fs = new LightningFS(`refused-${copy.path}`, { wipe: true }) as unknown as PromiseFsClient;
	const { store } = await checkout({
		ref: { kind: 'git', url },
		branch: 'main',
		fs,
		http,
		credentials,
		corsProxy: ''
	});
	const forge = await forgeFor(
		forgeRepoFor(parseRepoInput(url, 'https://api.github.com').ref, []),
		{
			credentials,
			git: { http, corsProxy: '', store }
		}
	);
	const readme = copy.show('main:README.md');
	await expect(
		forge!.push({
			baseline: copy.baseline,
			changes: [{ path: 'README.md', before: readme, after: new TextEncoder().encode('x\n') }],
			branch: { title: 'Edit' },
			message: 'Edit'
		})
	).rejects.toMatchObject({
		code: 'push-rejected',
		message: 'The git host refused to update patchbay/edit: pre-receive hook declined.'
	});
	expect(copy.git('for-each-ref', '--format=%(refname)', 'refs/heads/')).toBe('refs/heads/main');
});

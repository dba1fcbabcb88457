// GitLab and Codeberg addresses as people paste or link them: subgroups, branch pages, and
// which forge then serves them (gitlab.com known; a self-managed host only when Settings says).
import { describe, expect, it } from 'vitest';
import { forgeRepoFor } from '../../../src/lib/core/forge/index.ts';
import { parseRepoInput } from '../../../src/lib/core/git/index.ts';
import { parseStartLink } from '../../../src/lib/core/start/index.ts';

const GITHUB = 'https://api.github.com';

describe('GitLab and Gitea addresses', () => {
	it('reads a GitLab project in subgroups, and its branch page', () => {
		expect(parseRepoInput('gitlab.com/owner/group/repo', GITHUB)).toEqual({
			ref: { kind: 'git', url: 'https://gitlab.com/owner/group/repo' }
		});
		expect(parseRepoInput('https://gitlab.com/owner/group/repo/-/tree/feature/x', GITHUB)).toEqual({
			ref: { kind: 'git', url: 'https://gitlab.com/owner/group/repo' },
			branch: 'feature/x'
		});
		expect(parseRepoInput('https://gitlab.com/owner/repo/-/merge_requests/3', GITHUB)).toEqual({
			ref: { kind: 'git', url: 'https://gitlab.com/owner/repo' }
		});
	});

	it('knows gitlab.com and codeberg.org; a self-managed host is GitLab only when Settings names it', () => {
		const at = (url: string, hosts: { host: string; kind?: 'gitlab' | 'gitea' }[] = []) =>
			forgeRepoFor(parseRepoInput(url, GITHUB).ref, hosts);
		expect(at('gitlab.com/owner/group/repo')).toEqual({
			kind: 'gitlab',
			apiBase: 'https://gitlab.com/api/v4',
			path: 'owner/group/repo',
			webUrl: 'https://gitlab.com/owner/group/repo',
			cloneUrl: 'https://gitlab.com/owner/group/repo.git'
		});
		expect(at('https://git.example.com/team/app.git').kind).toBe('git');
		expect(
			at('https://git.example.com/team/app.git', [{ host: 'Git.Example.com', kind: 'gitlab' }])
		).toMatchObject({
			kind: 'gitlab',
			apiBase: 'https://git.example.com/api/v4',
			path: 'team/app'
		});
		expect(at('https://codeberg.org/owner/repo')).toEqual({
			kind: 'gitea',
			apiBase: 'https://codeberg.org/api/v1',
			path: 'owner/repo',
			webUrl: 'https://codeberg.org/owner/repo',
			cloneUrl: 'https://codeberg.org/owner/repo.git'
		});
		// A Gitea repository is owner/repo: a deeper path there is some other git URL.
		expect(at('https://codeberg.org/owner/group/repo').kind).toBe('git');
		expect(at('https://github.com/owner/repo').kind).toBe('github');
	});

	it('takes gitlab.com and codeberg.org start links, subgroups and branches included', () => {
		expect(parseStartLink('#/gitlab.com/owner/group/repo')).toEqual({
			repo: 'https://gitlab.com/owner/group/repo'
		});
		expect(parseStartLink('#/gitlab.com/owner/group/repo/-/tree/dev')).toEqual({
			repo: 'https://gitlab.com/owner/group/repo',
			branch: 'dev'
		});
		expect(parseStartLink('#/codeberg.org/owner/repo/src/branch/main')).toEqual({
			repo: 'https://codeberg.org/owner/repo',
			branch: 'main'
		});
		expect(parseStartLink('#/gitlab.com/owner')).toBeNull();
		expect(parseStartLink('#/gitlab.com/owner/%2e%2e')).toBeNull();
		expect(parseStartLink('#/codeberg.org/owner')).toBeNull();
	});
});

import { describe, expect, it } from 'vitest';
import { mergeRequestLink } from '../../../src/lib/core/git/index.ts';

describe('mergeRequestLink', () => {
	it("names each known host's page for a new request from the pushed branch", () => {
		const links = [
			'https://gitlab.com/group/sub/app.git',
			'https://bitbucket.org/team/app.git',
			'https://codeberg.org/me/app',
			'https://git.example.com/me/app.git'
		].map((url) => mergeRequestLink(url, 'main', 'patchbay/fix-it'));
		expect(links).toEqual([
			{
				url: 'https://gitlab.com/group/sub/app/-/merge_requests/new?merge_request[source_branch]=patchbay%2Ffix-it&merge_request[target_branch]=main',
				label: 'merge request'
			},
			{
				url: 'https://bitbucket.org/team/app/pull-requests/new?source=patchbay%2Ffix-it&dest=main',
				label: 'pull request'
			},
			{
				url: 'https://codeberg.org/me/app/compare/main...patchbay%2Ffix-it',
				label: 'pull request'
			},
			{ url: null, label: 'pull request' }
		]);
	});
});

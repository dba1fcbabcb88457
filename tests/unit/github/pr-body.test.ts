import { describe, expect, it } from 'vitest';
import {
	pullRequestBody,
	pullRequestTitle,
	type PullRequestTask
} from '../../../src/lib/core/github/index.ts';
import { secretMasker } from '../../../src/lib/core/secrets/index.ts';

const task: PullRequestTask = {
	prompt: '## Fix the flaky `sum` test\n\nIt fails with key tok-12345678 set.\n',
	followUps: ['Also cover empty arrays.', 'Rename the helper\n\nto `total`.'],
	summary: 'Fixed `sum` for floats; added a test.\n',
	testsRun: ['npm test', 'node --test `test/*.js`'],
	blockedRequests: [
		{ method: 'GET', url: 'https://example.com/?key=tok-12345678', reason: 'network is off' }
	],
	stats: [
		{ path: 'src/sum.js', status: 'modified', additions: 3, deletions: 1, binary: false },
		{
			path: 'src/total.js',
			oldPath: 'src/helper.js',
			status: 'renamed',
			additions: 0,
			deletions: 0,
			binary: false
		},
		{ path: 'logo|v2.png', status: 'added', additions: 0, deletions: 0, binary: true }
	],
	mask: secretMasker(['tok-12345678'])
};

describe('pull request text', () => {
	it('writes the whole task as Markdown, secrets masked', () => {
		expect(pullRequestBody(task)).toEqual(
			[
				'## Request',
				'',
				'> ## Fix the flaky `sum` test',
				'>',
				'> It fails with key [secret] set.',
				'',
				'**Follow-up 1**',
				'',
				'> Also cover empty arrays.',
				'',
				'**Follow-up 2**',
				'',
				'> Rename the helper',
				'>',
				'> to `total`.',
				'',
				'## Summary',
				'',
				'Fixed `sum` for floats; added a test.',
				'',
				'## Tests run',
				'',
				'- `npm test`',
				'- `` node --test `test/*.js` ``',
				'',
				'## Files changed (3 files, +3 −1)',
				'',
				'| File | Change | + | − |',
				'| --- | --- | ---: | ---: |',
				'| `src/sum.js` | modified | 3 | 1 |',
				'| `src/helper.js` → `src/total.js` | renamed | 0 | 0 |',
				'| `logo\\|v2.png` | added | binary |  |',
				'',
				'## Blocked network requests',
				'',
				'- `GET https://example.com/?key=[secret]`: network is off',
				'',
				'---',
				'<sub>Opened with Patchbay.</sub>',
				''
			].join('\n')
		);
	});

	it('says so when nothing was tested, and leaves out empty sections', () => {
		const bare = {
			...task,
			followUps: [],
			testsRun: [],
			blockedRequests: [],
			summary: '',
			stats: []
		};
		expect(pullRequestBody(bare)).toEqual(
			[
				'## Request',
				'',
				'> ## Fix the flaky `sum` test',
				'>',
				'> It fails with key [secret] set.',
				'',
				'## Summary',
				'',
				'_No summary._',
				'',
				'## Tests run',
				'',
				'_No tests were run._',
				'',
				'## Files changed (0 files, +0 −0)',
				'',
				'| File | Change | + | − |',
				'| --- | --- | ---: | ---: |',
				'',
				'---',
				'<sub>Opened with Patchbay.</sub>',
				''
			].join('\n')
		);
	});

	it('stays under GitHub’s body limit', () => {
		const huge = { ...task, prompt: 'x'.repeat(100_000) };
		const body = pullRequestBody(huge);
		expect({ length: body.length, end: body.slice(-30) }).toEqual({
			length: 65_000,
			end: '\n\n…(cut to fit GitHub’s limit)\n'.slice(-30)
		});
	});

	it('titles the PR with the first line of the request, masked and short', () => {
		expect([
			pullRequestTitle(task),
			pullRequestTitle({ ...task, prompt: `Use tok-12345678 ${'and more '.repeat(10)}` }),
			pullRequestTitle({ ...task, title: 'Given title' }),
			pullRequestTitle({ ...task, prompt: '\n\n' })
		]).toEqual([
			'Fix the flaky `sum` test',
			// Cut at a word (72 characters at most), after masking the whole line.
			`Use [secret] ${'and more '.repeat(6)}and…`,
			'Given title',
			'Changes by Patchbay'
		]);
	});
});

import { describe, expect, it } from 'vitest';
import { searchIssues, type OpenIssue } from '../../../src/lib/core/issues/index.ts';
import { pullRequestBody } from '../../../src/lib/core/change-request/index.ts';

const issue = (number: number, title: string): OpenIssue => ({
	number,
	title,
	labels: [],
	author: 'a'
});

describe('searchIssues', () => {
	it('keeps the issues whose title holds every word, ignoring case and order', () => {
		const issues = [
			issue(3, 'Crash on empty list'),
			issue(2, 'List sorting is slow'),
			issue(1, 'Docs')
		];
		expect(searchIssues(issues, 'LIST crash').map((i) => i.number)).toEqual([3]);
		expect(searchIssues(issues, ' list ').map((i) => i.number)).toEqual([3, 2]);
		expect(searchIssues(issues, '').map((i) => i.number)).toEqual([3, 2, 1]);
	});
});

describe('pullRequestBody for a task from an issue', () => {
	it('starts with the closing keyword, so merging closes the issue', () => {
		const base = {
			prompt: 'Resolve issue #7: Crash',
			followUps: [],
			summary: 'Fixed.',
			testsRun: [],
			blockedRequests: [],
			stats: [],
			mask: (text: string) => text
		};
		expect(pullRequestBody({ ...base, closesIssue: 7 }).split('\n\n')[0]).toBe('Closes #7');
		expect(pullRequestBody(base)).not.toContain('Closes #');
	});
});

// The Summary of a pull request tells every turn of the task (the request's and each follow-up's
// closing text), masked, not the last turn's text only.
import { describe, expect, it } from 'vitest';
import {
	pullRequestBody,
	type PullRequestTask
} from '../../../src/lib/core/change-request/request-body.ts';
import { secretMasker } from '../../../src/lib/core/secrets/index.ts';

const task: PullRequestTask = {
	prompt: 'Add a greeting',
	followUps: ['Make it shout', 'Line comments on hello.txt'],
	summary: 'Wrapped the shout in a function.',
	turnSummaries: [
		'Added hello.txt with a greeting.',
		'It shouts now; the key tok-12345678 was not needed.',
		'Wrapped the shout in a function.'
	],
	testsRun: [],
	blockedRequests: [],
	stats: [{ path: 'hello.txt', status: 'added', additions: 1, deletions: 0, binary: false }],
	mask: secretMasker(['tok-12345678'])
};

const summaryOf = (body: string) =>
	body.slice(body.indexOf('## Summary'), body.indexOf('## Tests run'));

describe('pull request summary from several turns', () => {
	it('names each turn that said something, in order, masked', () => {
		expect(summaryOf(pullRequestBody(task))).toBe(
			[
				'## Summary',
				'',
				'**Request**',
				'',
				'Added hello.txt with a greeting.',
				'',
				'**Follow-up 1**',
				'',
				'It shouts now; the key [secret] was not needed.',
				'',
				'**Follow-up 2**',
				'',
				'Wrapped the shout in a function.',
				'',
				''
			].join('\n')
		);
	});

	it('skips a turn that said nothing and keeps the numbering of the others', () => {
		const body = pullRequestBody({ ...task, turnSummaries: ['Added it.', '', 'Wrapped it.'] });
		expect(summaryOf(body)).toBe(
			[
				'## Summary',
				'',
				'**Request**',
				'',
				'Added it.',
				'',
				'**Follow-up 2**',
				'',
				'Wrapped it.',
				'',
				''
			].join('\n')
		);
	});

	it('one turn, or none given, is the summary as before', () => {
		const one = pullRequestBody({ ...task, followUps: [], turnSummaries: ['Only this.'] });
		const none = pullRequestBody({ ...task, turnSummaries: undefined });
		const empty = pullRequestBody({ ...task, summary: '', turnSummaries: ['', 'Said late.'] });
		expect([summaryOf(one), summaryOf(none), summaryOf(empty)]).toStrictEqual([
			'## Summary\n\nWrapped the shout in a function.\n\n',
			'## Summary\n\nWrapped the shout in a function.\n\n',
			'## Summary\n\nSaid late.\n\n'
		]);
	});
});

// Links made by startLinkFor: their exact text, and that parsing one gives back what went in.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/lib/core/http/index.ts';
import {
	parseStartLink,
	startLinkFor,
	START_LINK_LIMITS,
	type StartLink
} from '../../../src/lib/core/start/index.ts';

const app = 'https://patchbay.example/';
const gh = 'https://github.com/owner/repo';

/** What the page would hand parseStartLink: the fragment of the address bar. */
const fragmentOf = (link: string) => new URL(link).hash;

describe('startLinkFor', () => {
	const cases: Array<[string, StartLink, string]> = [
		['a github.com repository', { repo: gh }, `${app}#/github.com/owner/repo`],
		[
			'a branch with a slash',
			{ repo: gh, branch: 'feature/x' },
			`${app}#/github.com/owner/repo/tree/feature/x`
		],
		[
			'a branch with characters a URL reserves',
			{ repo: gh, branch: 'fix#12%done' },
			`${app}#/github.com/owner/repo/tree/fix%2312%25done`
		],
		[
			'a prompt',
			{ repo: gh, prompt: 'Fix the bug & add a test' },
			`${app}#/new?repo=https%3A%2F%2Fgithub.com%2Fowner%2Frepo&prompt=Fix+the+bug+%26+add+a+test`
		],
		[
			'every field',
			{ repo: 'owner/repo', branch: 'dev', prompt: 'Why?', mode: 'ask' },
			`${app}#/new?repo=owner%2Frepo&branch=dev&prompt=Why%3F&mode=ask`
		],
		['a short owner/repo', { repo: 'owner/repo' }, `${app}#/new?repo=owner%2Frepo`],
		[
			'a branch that looks like a commit id',
			{ repo: gh, branch: 'a'.repeat(40) },
			`${app}#/new?repo=https%3A%2F%2Fgithub.com%2Fowner%2Frepo&branch=${'a'.repeat(40)}`
		]
	];
	for (const [name, link, expected] of cases) {
		it(`writes ${name}`, () => {
			expect(startLinkFor(app, link)).toBe(expected);
			expect(parseStartLink(fragmentOf(expected))).toStrictEqual(link);
		});
	}

	it('replaces the app address’s fragment and keeps its path and query', () => {
		const link = startLinkFor('https://me.github.io/patchbay/?lang=en#/tasks/7', { repo: gh });
		expect(link).toBe('https://me.github.io/patchbay/?lang=en#/github.com/owner/repo');
	});

	it('writes github.com addresses in their canonical form', () => {
		const link = startLinkFor(app, { repo: ' github.com/owner/repo.git/ ', branch: ' main ' });
		expect(link).toBe(`${app}#/github.com/owner/repo/tree/main`);
	});
});

describe('startLinkFor then parseStartLink', () => {
	const roundTrips: StartLink[] = [
		{ repo: gh },
		{ repo: gh, branch: 'release/2024.06' },
		{ repo: gh, branch: 'ünïcode-branch' },
		{ repo: gh, mode: 'code' },
		{ repo: 'https://gitlab.com/group/sub/project.git', branch: 'main' },
		{ repo: 'http://127.0.0.1:9418/fixture.git', prompt: 'Run the tests.', mode: 'code' },
		{ repo: 'owner/repo', prompt: 'Line one\n\tLine two: a+b=c & 100% "quoted" #hash ?q' },
		{ repo: gh, prompt: 'Explain 日本語 and emoji 🎉 handling', mode: 'ask' },
		{ repo: gh, prompt: 'x'.repeat(START_LINK_LIMITS.prompt) }
	];
	for (const link of roundTrips) {
		it(`round-trips ${JSON.stringify(link).slice(0, 80)}`, () => {
			expect(parseStartLink(fragmentOf(startLinkFor(app, link)))).toStrictEqual(link);
		});
	}
});

describe('startLinkFor refuses what no link may carry', () => {
	const cases: Array<[string, StartLink, string]> = [
		['no repository', { repo: '  ' }, 'A start link needs a repository.'],
		[
			'a javascript: repository',
			{ repo: 'javascript:alert(1)' },
			'"javascript:alert(1)" is neither owner/repo nor a URL.'
		],
		[
			'a github.com address naming no repository',
			{ repo: 'https://github.com/settings/profile' },
			'"https://github.com/settings/profile" names no GitHub repository.'
		],
		['a bad branch', { repo: gh, branch: 'a..b' }, '"a..b" is not a valid branch name.'],
		[
			'a prompt over the cap',
			{ repo: gh, prompt: 'x'.repeat(START_LINK_LIMITS.prompt + 1) },
			'The prompt is over 20000 characters.'
		],
		[
			'a mode that is not one',
			{ repo: gh, mode: 'edit' as StartLink['mode'] },
			'"edit" is not a mode; use code or ask.'
		]
	];
	for (const [name, link, message] of cases) {
		it(`refuses ${name}`, () => {
			let thrown: unknown;
			try {
				startLinkFor(app, link);
			} catch (error) {
				thrown = error;
			}
			expect(thrown).toBeInstanceOf(AppError);
			const { code, message: text, hint } = thrown as AppError;
			expect({ code, message: text, hint }).toStrictEqual({
				code: 'bad-start-link',
				message,
				hint: 'Shorten or correct it, then copy again.'
			});
		});
	}
});

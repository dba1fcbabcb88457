// Start links are untrusted input: each row is a fragment and the whole result it must give.
import { describe, expect, it } from 'vitest';
import {
	parseStartLink,
	START_LINK_LIMITS,
	type StartLink
} from '../../../src/lib/core/start/index.ts';

const gh = 'https://github.com/owner/repo';
const sha = '3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39';

const valid: Array<[string, StartLink]> = [
	['/github.com/owner/repo', { repo: gh }],
	['#/github.com/owner/repo', { repo: gh }],
	['/github.com/owner/repo/', { repo: gh }],
	['/github.com/owner/repo.git', { repo: gh }],
	['/GitHub.com/owner/repo', { repo: gh }],
	['/https://github.com/owner/repo', { repo: gh }],
	['/https:/github.com/owner/repo', { repo: gh }],
	['/http://www.github.com/owner/repo/', { repo: gh }],
	['/github.com/owner/repo/tree/main', { repo: gh, branch: 'main' }],
	['/github.com/owner/repo/tree/feature/x', { repo: gh, branch: 'feature/x' }],
	['/github.com/owner/repo/tree/feature/x/', { repo: gh, branch: 'feature/x' }],
	['/github.com/owner/repo/tree/fix%23123', { repo: gh, branch: 'fix#123' }],
	['/github.com/owner/repo/tree/feature%2Fx', { repo: gh, branch: 'feature/x' }],
	['/github.com/owner/repo/tree', { repo: gh }],
	['/github.com/owner/repo/blob/dev/src/index.ts', { repo: gh, branch: 'dev' }],
	['/https://github.com/owner/repo/blob/main/README.md#L10', { repo: gh, branch: 'main' }],
	[`/github.com/owner/repo/tree/${sha}`, { repo: gh }],
	[`/github.com/owner/repo/blob/${sha}/a.ts`, { repo: gh }],
	['/github.com/owner/repo/pull/12', { repo: gh }],
	['/github.com/owner/repo/pull/12/files', { repo: gh }],
	['/github.com/owner/repo/issues/3', { repo: gh }],
	['/github.com/owner/repo/commit/abc123', { repo: gh }],
	['/github.com/owner/repo?tab=readme-ov-file', { repo: gh }],
	['/github.com/owner/repo#readme', { repo: gh }],
	['/github.com/My_Org-1/re.po_x-2', { repo: 'https://github.com/My_Org-1/re.po_x-2' }],
	['/new?repo=owner/repo', { repo: 'owner/repo' }],
	[
		'/new?repo=owner%2Frepo&branch=dev&prompt=Fix+the+%22login%22+bug&mode=ask',
		{ repo: 'owner/repo', branch: 'dev', prompt: 'Fix the "login" bug', mode: 'ask' }
	],
	[
		'/new/?repo=https://gitlab.com/group/sub/project.git',
		{
			repo: 'https://gitlab.com/group/sub/project.git'
		}
	],
	['/new?repo=http://127.0.0.1:8080/fixture.git', { repo: 'http://127.0.0.1:8080/fixture.git' }],
	['/new?repo=github.com/owner/repo/tree/dev', { repo: gh, branch: 'dev' }],
	['/new?repo=https://github.com/owner/repo.git', { repo: gh }],
	['/new?repo=github.com/owner/repo/tree/dev&branch=main', { repo: gh, branch: 'main' }],
	[
		'/new?repo=%20owner/repo%20&branch=%20dev%20&prompt=%20%20hi%0A%20&mode=%20Code%20',
		{ repo: 'owner/repo', branch: 'dev', prompt: 'hi', mode: 'code' }
	],
	['/new?repo=owner/repo&branch=&prompt=%20&mode=', { repo: 'owner/repo' }],
	['/new?repo=owner/repo&utm_source=chat&ref=x', { repo: 'owner/repo' }],
	['/new?mode=code&repo=owner/repo', { repo: 'owner/repo', mode: 'code' }],
	[
		'/new?repo=owner/repo&prompt=line+one%0D%0Aline%09two',
		{ repo: 'owner/repo', prompt: 'line one\nline\ttwo' }
	]
];

const notLinks: Array<[string, string]> = [
	['empty', ''],
	['a bare hash', '#'],
	['the root route', '/'],
	['an app route', '/tasks/abc'],
	['no leading slash', 'github.com/owner/repo'],
	['an owner only', '/github.com/owner'],
	['github.com alone', '/github.com/'],
	['another host', '/bitbucket.org/owner/repo'],
	['a GitLab look-alike host', '/gitlab.com.evil.example/owner/repo'],
	['a look-alike host', '/github.com.evil.example/owner/repo'],
	['credentials before the host', '/github.com@evil.example/owner/repo'],
	['an organisation page', '/github.com/orgs/team'],
	['a settings page', '/github.com/settings/profile'],
	['an owner starting with a hyphen', '/github.com/-owner/repo'],
	['an owner over 39 characters', `/github.com/${'a'.repeat(40)}/repo`],
	['a repo over 100 characters', `/github.com/owner/${'r'.repeat(101)}`],
	['a repo named only .git', '/github.com/owner/.git'],
	['/new without a query', '/new'],
	['/new without a repo', '/new?branch=main&prompt=hi'],
	['a route that only starts like /new', '/newer?repo=owner/repo']
];

const malicious: Array<[string, string]> = [
	['a javascript: repo', '/new?repo=javascript:alert(1)'],
	['a javascript:// repo', '/new?repo=javascript://github.com/owner/repo'],
	['a data: repo', '/new?repo=data:text/html,%3Cscript%3Ealert(1)%3C/script%3E'],
	['a javascript: branch', '/new?repo=owner/repo&branch=javascript:alert(1)'],
	['a javascript: mode', '/new?repo=owner/repo&mode=javascript:alert(1)'],
	['an unknown mode', '/new?repo=owner/repo&mode=yolo'],
	['a token in the repo URL', '/new?repo=https://x:ghp_secret@github.example/o/r.git'],
	['a repeated repo', '/new?repo=owner/repo&repo=evil/repo'],
	['a repeated prompt', '/new?repo=owner/repo&prompt=a&prompt=b'],
	['../ as the owner', '/github.com/../etc/passwd'],
	['.. as the repo', '/github.com/owner/..'],
	['encoded dots as the repo', '/github.com/owner/%2e%2e'],
	['an encoded slash in the owner', '/github.com/owner%2F..%2Fother/repo'],
	['an encoded slash in the repo', '/github.com/owner/repo%2F..%2Fx'],
	['../ in the branch', '/github.com/owner/repo/tree/..%2F..%2Fmain'],
	['a branch starting with a hyphen', '/github.com/owner/repo/tree/-rf'],
	['a space in the branch', '/github.com/owner/repo/tree/a%20b'],
	['a control character in the branch', '/new?repo=owner/repo&branch=a%00b'],
	['broken percent-encoding', '/github.com/owner/repo/tree/%E0%A4%A'],
	['../ as a repo value', '/new?repo=../../etc/passwd'],
	['.. in a short repo value', '/new?repo=owner/..'],
	['a repo value over the cap', `/new?repo=https://git.example/${'a'.repeat(500)}`],
	['a prompt over the cap', `/new?repo=owner/repo&prompt=${'a'.repeat(20_001)}`],
	['a fragment over the cap', `/github.com/owner/repo/blob/main/${'a'.repeat(100_000)}`]
];

describe('parseStartLink', () => {
	for (const [fragment, expected] of valid) {
		it(`reads ${fragment.slice(0, 90)}`, () => {
			expect(parseStartLink(fragment)).toStrictEqual(expected);
		});
	}
	for (const [name, fragment] of [...notLinks, ...malicious]) {
		it(`refuses ${name}`, () => {
			expect(parseStartLink(fragment)).toBe(null);
		});
	}

	it('keeps a javascript: prompt as the text it is', () => {
		expect(parseStartLink('/new?repo=owner/repo&prompt=javascript:alert(1)')).toStrictEqual({
			repo: 'owner/repo',
			prompt: 'javascript:alert(1)'
		});
	});

	it('takes a prompt of exactly the cap, counted after trimming', () => {
		const prompt = 'p'.repeat(START_LINK_LIMITS.prompt);
		expect(parseStartLink(`/new?repo=owner/repo&prompt=++${prompt}++`)).toStrictEqual({
			repo: 'owner/repo',
			prompt
		});
	});

	it('drops hidden characters that would make the prompt read differently', () => {
		// U+202E flips the text after it; NUL and ESC never belong in a prompt.
		const fragment =
			'/new?repo=owner/repo&prompt=' + encodeURIComponent('a\u202Eb\u0000c\u001B[2Jd');
		expect(parseStartLink(fragment)).toStrictEqual({ repo: 'owner/repo', prompt: 'abc[2Jd' });
	});
});

describe('other forges’ addresses', () => {
	it.each<[string, StartLink | null]>([
		['#/gitea.com/owner/repo', { repo: 'https://gitea.com/owner/repo' }],
		[
			'#/gitea.com/owner/repo/src/branch/feature/x',
			{ repo: 'https://gitea.com/owner/repo', branch: 'feature/x' }
		],
		['#/codeberg.org/owner/repo.git', { repo: 'https://codeberg.org/owner/repo' }],
		['#/codeberg.org/owner/repo/issues/3', { repo: 'https://codeberg.org/owner/repo' }],
		[
			'#/gitlab.com/a/b/c/d/-/tree/release%2F1.0',
			{ repo: 'https://gitlab.com/a/b/c/d', branch: 'release/1.0' }
		],
		['#/gitlab.com/a/b/-/tree/..', null],
		['#/gitea.com/owner/%2F', null],
		['#/gitea.com/owner/repo/src/branch/bad..name', null],
		['#/gitea.com.evil.example/owner/repo', null]
	])('%s', (fragment, expected) => {
		expect(parseStartLink(fragment)).toStrictEqual(expected);
	});
});

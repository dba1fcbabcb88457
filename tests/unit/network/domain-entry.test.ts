import { describe, expect, it } from 'vitest';
import {
	normaliseDomainEntry,
	validateDomainEntries
} from '../../../src/lib/core/network/index.ts';

describe('validateDomainEntries', () => {
	it('normalises usable entries, skips blank lines and drops duplicates', () => {
		const text = [
			'Example.COM',
			'',
			'  api.github.com  ',
			'*.npmjs.org',
			'bücher.de',
			'example.com.',
			'127.0.0.1',
			'[0:0::1]',
			'localhost',
			'\t',
			'example.com'
		].join('\r\n');
		expect(validateDomainEntries(text)).toEqual({
			domains: [
				'example.com',
				'api.github.com',
				'npmjs.org',
				'xn--bcher-kva.de',
				'127.0.0.1',
				'[::1]',
				'localhost'
			],
			errors: []
		});
	});

	it('refuses each kind of bad entry with its own message and line number', () => {
		const text = [
			'https://example.com',
			'example.com/path',
			'example.com?q=1',
			'user@example.com',
			'example.com:8080',
			'[::1]:443',
			'foo bar.com',
			'foo.*.com',
			'*',
			'*.127.0.0.1',
			'::1',
			'exa!mple.com',
			'-bad.com',
			'x..com',
			'ok.com'
		].join('\n');
		const scheme = 'Remove the scheme (such as https://): enter just the hostname.';
		const path = 'Remove the path: enter just the hostname.';
		const port = 'Remove the port: an entry allows every port of its host.';
		const wildcard = 'Only a leading "*." wildcard is allowed, as in *.example.com.';
		const invalid = 'Not a valid hostname.';
		expect(validateDomainEntries(text)).toEqual({
			domains: ['ok.com'],
			errors: [
				{ line: 1, entry: 'https://example.com', message: scheme },
				{ line: 2, entry: 'example.com/path', message: path },
				{ line: 3, entry: 'example.com?q=1', message: path },
				{
					line: 4,
					entry: 'user@example.com',
					message: 'Remove the user name: enter just the hostname.'
				},
				{ line: 5, entry: 'example.com:8080', message: port },
				{ line: 6, entry: '[::1]:443', message: port },
				{
					line: 7,
					entry: 'foo bar.com',
					message: 'Spaces are not allowed: put one hostname per line.'
				},
				{ line: 8, entry: 'foo.*.com', message: wildcard },
				{ line: 9, entry: '*', message: wildcard },
				{
					line: 10,
					entry: '*.127.0.0.1',
					message: 'A wildcard applies to domain names, not IP addresses.'
				},
				{
					line: 11,
					entry: '::1',
					message: 'Not a valid hostname (write an IPv6 address in brackets, as in [::1]).'
				},
				{ line: 12, entry: 'exa!mple.com', message: invalid },
				{ line: 13, entry: '-bad.com', message: invalid },
				{ line: 14, entry: 'x..com', message: invalid }
			]
		});
	});

	it('returns nothing for an empty field', () => {
		expect(validateDomainEntries('\n  \n')).toEqual({ domains: [], errors: [] });
	});
});

describe('normaliseDomainEntry', () => {
	it('agrees with the form on what an entry means', () => {
		const entries = ['*.Example.com', 'EXAMPLE.com.', 'http://example.com', 'example.com:80', ''];
		expect(entries.map(normaliseDomainEntry)).toEqual([
			'example.com',
			'example.com',
			null,
			null,
			null
		]);
	});
});

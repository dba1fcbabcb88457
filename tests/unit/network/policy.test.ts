import { describe, expect, it } from 'vitest';
import {
	COMMON_DOMAINS,
	decide,
	decideAddress,
	defaultAgentPolicy,
	defaultSetupPolicy,
	isNetworkPolicy,
	type NetworkPolicy
} from '../../../src/lib/core/network/index.ts';
import { decideCases } from './decide-cases.ts';

describe('decide', () => {
	it('has a table of at least 80 cases', () => {
		expect(decideCases.length).toBeGreaterThanOrEqual(80);
	});

	it.each(decideCases.map((c, i) => [i, ...c] as const))(
		'#%i %o %j %s',
		(_i, policy, url, method, allowed, reason, headers) => {
			expect(decide(policy, url, method, headers)).toEqual({ allowed, reason });
		}
	);

	it('allows every host of the common-dependencies list and its subdomains', () => {
		const policy: NetworkPolicy = { access: 'on', preset: 'common', domains: [], methods: 'read' };
		const results = COMMON_DOMAINS.map((d) => decide(policy, `https://cdn.${d}/x`).allowed);
		expect(results).toEqual(COMMON_DOMAINS.map(() => true));
	});

	it('has the 71 domains of the published list', () => {
		expect(COMMON_DOMAINS.length).toBe(71);
		expect(new Set(COMMON_DOMAINS).size).toBe(71);
	});
});

describe('default policies', () => {
	it('keeps the agent offline and gives setup the open network', () => {
		expect({ agent: defaultAgentPolicy, setup: defaultSetupPolicy }).toEqual({
			agent: { access: 'off', preset: 'none', domains: [], methods: 'read' },
			setup: { access: 'on', preset: 'all', domains: [], methods: 'all' }
		});
	});
});

describe('isNetworkPolicy', () => {
	it('accepts well-formed policies and nothing else', () => {
		const good = { access: 'on', preset: 'common', domains: ['a.com'], methods: 'all' };
		const values: unknown[] = [
			good,
			defaultAgentPolicy,
			{ ...good, access: 'yes' },
			{ ...good, preset: 'some' },
			{ ...good, methods: 'write' },
			{ ...good, domains: 'a.com' },
			{ ...good, domains: [1] },
			null,
			'policy'
		];
		expect(values.map(isNetworkPolicy)).toEqual([
			true,
			true,
			false,
			false,
			false,
			false,
			false,
			false,
			false
		]);
	});
});

describe('decideAddress', () => {
	it('refuses a resolved local or private address unless the name or the address is listed', () => {
		const any: NetworkPolicy = { access: 'on', preset: 'all', domains: [], methods: 'all' };
		const listing = (...domains: string[]) => ({ ...any, domains });
		const cases: [NetworkPolicy, string, string][] = [
			[any, 'example.com', '93.184.216.34'],
			[any, 'example.com', '2606:4700:4700::1111'],
			[any, 'example.com', '127.0.0.1'],
			[any, 'example.com', '::1'],
			[any, 'example.com', 'fe80::1%eth0'],
			[any, 'example.com', '::ffff:10.0.0.1'],
			[any, 'example.com', 'fd00::5'],
			[any, 'Example.COM.', '169.254.169.254'],
			[listing('example.com'), 'api.example.com', '10.0.0.1'],
			[listing('[::1]'), 'example.com', '::1'],
			[listing('127.0.0.1'), 'localhost', '127.0.0.1'],
			[listing('127.0.0.1'), 'localhost', '127.0.0.2']
		];
		expect(cases.map(([policy, host, address]) => decideAddress(policy, host, address))).toEqual([
			{ allowed: true, reason: 'public address' },
			{ allowed: true, reason: 'public address' },
			{ allowed: false, reason: 'local or private address not listed: example.com (127.0.0.1)' },
			{ allowed: false, reason: 'local or private address not listed: example.com (::1)' },
			{ allowed: false, reason: 'local or private address not listed: example.com (fe80::1)' },
			{
				allowed: false,
				reason: 'local or private address not listed: example.com (::ffff:10.0.0.1)'
			},
			{ allowed: false, reason: 'local or private address not listed: example.com (fd00::5)' },
			{
				allowed: false,
				reason: 'local or private address not listed: example.com (169.254.169.254)'
			},
			{ allowed: true, reason: 'allowed domain: example.com' },
			{ allowed: true, reason: 'allowed domain: [::1]' },
			{ allowed: true, reason: 'allowed domain: 127.0.0.1' },
			{ allowed: false, reason: 'local or private address not listed: localhost (127.0.0.2)' }
		]);
	});
});

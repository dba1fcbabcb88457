import { describe, expect, it } from 'vitest';
import { MAX_TOOL_NAME, mcpToolName, sanitizeNamePart } from '../../../src/lib/core/mcp/index.ts';

describe('mcpToolName', () => {
	it('prefixes the tool with its server, in the model API charset', () => {
		expect([
			mcpToolName('tracker', 'lookup_issue'),
			mcpToolName('My Tracker (prod)', 'issues.search'),
			mcpToolName('Café ☕', 'get/thing'),
			mcpToolName('___', '!!!'),
			mcpToolName('a--b', 'c__d')
		]).toEqual([
			'tracker__lookup_issue',
			'My_Tracker_prod__issues_search',
			'Cafe__get_thing',
			'x__x',
			'a--b__c_d'
		]);
	});

	it('keeps long names within the limit, told apart by a hash of the whole', () => {
		const long = 'a'.repeat(80);
		const one = mcpToolName('server', `${long}_one`);
		const two = mcpToolName('server', `${long}_two`);
		const longServer = mcpToolName('s'.repeat(40), 'tool');
		expect({
			one: one.length,
			two: two.length,
			differ: one !== two,
			shape: /^server__a+-[0-9a-f]{8}$/.test(one),
			stable: mcpToolName('server', `${long}_one`) === one,
			longServer
		}).toEqual({
			one: MAX_TOOL_NAME,
			two: MAX_TOOL_NAME,
			differ: true,
			shape: true,
			stable: true,
			longServer: `${'s'.repeat(24)}__tool`
		});
	});

	it('sanitizes every character outside [a-zA-Z0-9_-]', () => {
		expect(sanitizeNamePart('a b.c/d:e@f$g')).toBe('a_b_c_d_e_f_g');
		expect(/^[a-zA-Z0-9_-]+$/.test(mcpToolName('😀 emoji 😀', 'ünïcödé tool'))).toBe(true);
	});
});

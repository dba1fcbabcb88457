import { describe, expect, it } from 'vitest';
import {
	maskUrl,
	networkAuditEvent,
	parseNetworkLog
} from '../../../src/lib/core/network/index.ts';

describe('maskUrl', () => {
	it.each([
		['https://example.com/a/b', 'https://example.com/a/b'],
		['https://example.com/search?q=secret&page=2', 'https://example.com/search?q=***&page=***'],
		['https://example.com/?flag&token=abc=def', 'https://example.com/?flag&token=***'],
		['https://user:hunter2@example.com/x', 'https://example.com/x'],
		['https://:token@example.com/', 'https://example.com/'],
		['https://example.com/cb#access_token=xyz', 'https://example.com/cb#***'],
		['https://example.com/?', 'https://example.com/'],
		['HTTP://EXAMPLE.COM:80/A', 'http://example.com/A'],
		['not a url?key=value', 'not a url?***'],
		['//user:pw@host/p?x=1', '//host/p?***'],
		['', '']
	])('%s → %s', (url, masked) => {
		expect(maskUrl(url)).toBe(masked);
	});

	it('cuts very long URLs', () => {
		const url = 'https://example.com/' + 'a'.repeat(3000);
		expect(maskUrl(url)).toBe(url.slice(0, 2000) + '…');
	});
});

describe('networkAuditEvent', () => {
	it('records a decision with the URL masked and the method upper-cased', () => {
		const event = networkAuditEvent(
			{ phase: 'agent', source: 'web_fetch', method: 'post', url: 'https://u:p@x.com/?k=v' },
			{ allowed: false, reason: 'network off' },
			42
		);
		expect(event).toEqual({
			type: 'network',
			time: 42,
			phase: 'agent',
			source: 'web_fetch',
			method: 'POST',
			url: 'https://x.com/?k=***',
			allowed: false,
			reason: 'network off'
		});
	});
});

describe('parseNetworkLog', () => {
	it('keeps well-formed events, masks their URLs again and skips everything else', () => {
		const good = {
			type: 'network',
			time: 1,
			phase: 'setup',
			source: 'node-guard',
			method: 'GET',
			url: 'https://x.com/?token=leak',
			allowed: true,
			reason: 'all hosts allowed',
			extra: 'dropped'
		};
		const text = [
			JSON.stringify(good),
			'not json',
			JSON.stringify({ ...good, phase: 'later' }),
			JSON.stringify({ ...good, allowed: 'yes' }),
			'',
			JSON.stringify({ ...good, time: 2, url: 'http://y.com/' })
		].join('\n');
		const { extra: _extra, ...event } = good;
		expect(parseNetworkLog(text)).toEqual([
			{ ...event, url: 'https://x.com/?token=***' },
			{ ...event, time: 2, url: 'http://y.com/' }
		]);
	});
});

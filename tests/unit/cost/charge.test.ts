import { describe, expect, it } from 'vitest';
import {
	chargeOf,
	costOfUsage,
	DEFAULT_PRICES,
	formatUsd,
	isLocalEndpoint,
	priceOf,
	type Price
} from '../../../src/lib/core/cost/index.ts';

const price: Price = { model: 'm', input: 2, cachedInput: 0.5, output: 8 };

describe('costOfUsage', () => {
	it('prices cached prompt tokens at the cached rate and the rest at the input rate, once each', () => {
		// 600k fresh × $2 + 400k cached × $0.50 + 100k out × $8, per million.
		const usage = { promptTokens: 1_000_000, completionTokens: 100_000, cachedTokens: 400_000 };
		expect(costOfUsage(usage, price)).toBe(2.2);
	});

	it('counts reasoning tokens inside the completion, not on top of it', () => {
		const withReasoning = { promptTokens: 0, completionTokens: 100_000, reasoningTokens: 60_000 };
		expect(costOfUsage(withReasoning, price)).toBe(0.8);
	});

	it('prices cached tokens at the input rate when the table has no cached rate', () => {
		const usage = { promptTokens: 1_000_000, completionTokens: 0, cachedTokens: 500_000 };
		expect(costOfUsage(usage, { model: 'm', input: 3, output: 15 })).toBe(3);
	});

	it('never counts more cached tokens than prompt tokens', () => {
		const usage = { promptTokens: 1_000, completionTokens: 0, cachedTokens: 5_000 };
		expect(costOfUsage(usage, price)).toBe(0.0005);
	});
});

describe('chargeOf', () => {
	const usage = { promptTokens: 1_000_000, completionTokens: 0 };
	const prices = [price];

	it('prices a listed model wherever it runs, even behind a local proxy', () => {
		expect(chargeOf(usage, { model: 'M', endpoint: 'https://api.example.com' }, prices)).toEqual({
			kind: 'priced',
			usd: 2
		});
		expect(chargeOf(usage, { model: 'm', endpoint: 'http://localhost:4000' }, prices)).toEqual({
			kind: 'priced',
			usd: 2
		});
	});

	it('calls an unlisted model free on a local server and unknown elsewhere', () => {
		for (const endpoint of [
			'http://localhost:11434',
			'http://127.0.0.1:1234',
			'http://192.168.1.20:8080',
			'http://[::1]:8000'
		])
			expect(chargeOf(usage, { model: 'llama3', endpoint }, prices)).toEqual({ kind: 'free' });
		expect(
			chargeOf(usage, { model: 'llama3', endpoint: 'https://api.together.xyz' }, prices)
		).toEqual({ kind: 'unknown' });
		expect(chargeOf(usage, { model: 'llama3' }, prices)).toEqual({ kind: 'unknown' });
	});

	it('matches whole ids only: a dated snapshot is not its alias', () => {
		expect(priceOf(DEFAULT_PRICES, 'gpt-4.1')?.input).toBe(2);
		expect(priceOf(DEFAULT_PRICES, 'gpt-4.1-2025-04-14')).toBeUndefined();
		expect(isLocalEndpoint('not a url')).toBe(false);
	});

	it('ships dated prices with their source, one row per model', () => {
		const ids = DEFAULT_PRICES.map((p) => p.model.toLowerCase());
		expect(new Set(ids).size).toBe(ids.length);
		for (const p of DEFAULT_PRICES) {
			expect(p.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			expect(p.source).toBeTruthy();
			expect(p.input).toBeGreaterThan(0);
			expect(p.output).toBeGreaterThan(0);
		}
	});
});

describe('formatUsd', () => {
	it('keeps cents whole above a dollar and up to four decimals below', () => {
		expect([1.5, 12.345, 0.103, 0.028, 0.1, 0.00042, 0.00001, 0].map(formatUsd)).toEqual([
			'$1.50',
			'$12.35',
			'$0.103',
			'$0.028',
			'$0.10',
			'$0.0004',
			'<$0.0001',
			'$0'
		]);
	});
});

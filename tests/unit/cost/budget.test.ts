import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../src/lib/core/agent/index.ts';
import {
	budgetCheck,
	spentOf,
	type BudgetScope,
	type Price
} from '../../../src/lib/core/cost/index.ts';

const prices: Price[] = [{ model: 'paid', input: 10, cachedInput: 1, output: 100 }];
const hosted = { model: 'paid', endpoint: 'https://api.example.com' };
const dollars = (limit: number, extra: Partial<BudgetScope> = {}): BudgetScope => ({
	budget: { unit: 'usd', limit },
	share: 1,
	prices,
	where: hosted,
	spentBefore: 0,
	...extra
});
// $0.01 of input per 1,000 prompt tokens at $10 per million.
const prompt = (promptTokens: number) => ({ promptTokens, completionTokens: 0 });

describe('budgetCheck', () => {
	it('lets a request that lands exactly on the limit go, and stops the one past it', () => {
		expect(budgetCheck(dollars(0.03), [prompt(1000)], prompt(2000))).toBeNull();
		expect(budgetCheck(dollars(0.03), [prompt(1000)], prompt(2001))).toBe(
			'the next turn would bring the spend to about $0.03 of the $0.03 budget'
		);
	});

	it('counts what was spent before the run, and stops at once when that already crossed it', () => {
		expect(budgetCheck(dollars(0.05, { spentBefore: 0.04 }), [], prompt(1000))).toBeNull();
		expect(budgetCheck(dollars(0.05, { spentBefore: 0.06 }), [], prompt(0))).toBe(
			'the next turn would bring the spend to about $0.06 of the $0.05 budget'
		);
	});

	it('holds each of N attempts to its share when they split the budget', () => {
		const scope = dollars(0.1, { share: 0.5 });
		expect(budgetCheck(scope, [], prompt(5000))).toBeNull();
		expect(budgetCheck(scope, [], prompt(5001))).toBe(
			"the next turn would bring the spend to about $0.05 of this attempt's $0.05 share"
		);
	});

	it('counts prompt and completion tokens for a token budget, whatever the price', () => {
		const scope: BudgetScope = {
			...dollars(0),
			budget: { unit: 'tokens', limit: 3000 },
			where: { model: 'mystery', endpoint: 'https://api.example.com' }
		};
		const used = { promptTokens: 1000, completionTokens: 500 };
		expect(budgetCheck(scope, [used], prompt(1500))).toBeNull();
		expect(budgetCheck(scope, [used], prompt(1501))).toBe(
			'the next turn would bring the spend to about 3,001 tokens of the 3,000 tokens budget'
		);
	});

	it('refuses a dollar budget for a model with no price, and never stops a free local one', () => {
		const unknown = dollars(1, { where: { model: 'mystery', endpoint: 'https://x.example' } });
		expect(budgetCheck(unknown, [], prompt(1))).toBe(
			'mystery has no price, so a dollar budget cannot be kept — add its price in Settings → Costs, or set a token budget'
		);
		const local = dollars(0.000001, {
			where: { model: 'llama3', endpoint: 'http://127.0.0.1:11434' }
		});
		expect(budgetCheck(local, [prompt(1_000_000)], prompt(1_000_000))).toBeNull();
	});
});

describe('spentOf', () => {
	const event = (model: string, promptTokens: number): AgentEvent & { type: 'usage' } => {
		const usage = prompt(promptTokens);
		return {
			type: 'usage',
			turn: 1,
			usage,
			total: usage,
			estimated: false,
			model,
			endpoint: hosted.endpoint
		};
	};

	it('adds logged turns in the budget unit, and gives up on dollars when a turn has no price', () => {
		expect(spentOf([event('paid', 1000), event('paid', 2000)], 'usd', prices)).toBe(0.03);
		expect(spentOf([event('paid', 1000), event('other', 2000)], 'tokens', prices)).toBe(3000);
		expect(spentOf([event('paid', 1000), event('other', 2000)], 'usd', prices)).toBeNull();
		expect(spentOf([], 'usd', prices)).toBe(0);
	});
});

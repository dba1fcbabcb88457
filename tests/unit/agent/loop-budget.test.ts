// The budget end: the run stops before the request that would cross the task's budget, keeps
// what it did, and a follow-up with a raised budget goes on from there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEvent, SpendGuard } from '../../../src/lib/core/agent/index.ts';
import { budgetCheck, type Budget } from '../../../src/lib/core/cost/index.ts';
import type { Usage } from '../../../src/lib/core/model/index.ts';
import { type ModelServer, startModelServer } from '../../servers/model.ts';
import { ask, harness, joined, totals } from './harness.ts';

let server: ModelServer;

beforeAll(async () => {
	server = await startModelServer();
});
afterAll(() => server.close());

const types = (events: AgentEvent[]) => joined(events).map((event) => event.type);

/** A token budget; every check is recorded with the estimate it was given. */
function tokenGuard(limit: number, spentBefore = 0) {
	const checks: { spent: number; next: Usage }[] = [];
	const budget: Budget = { unit: 'tokens', limit };
	const guard: SpendGuard = {
		check: async (spent, next) => {
			checks.push({ spent: spent.length, next });
			const scope = { budget, share: 1, prices: [], where: { model: 'm' }, spentBefore };
			return budgetCheck(scope, spent, next);
		}
	};
	return { guard, checks };
}

describe('runAgent: a task budget', () => {
	it('stops before the turn that would cross it, and a follow-up with a raised budget finishes', async () => {
		const h = await harness(server, [
			{
				toolCalls: [{ name: 'shell', arguments: { command: 'echo one' } }],
				usage: { promptTokens: 1000, completionTokens: 100 }
			},
			{
				toolCalls: [{ name: 'shell', arguments: { command: 'echo two' } }],
				usage: { promptTokens: 2000, completionTokens: 100 }
			},
			{
				expect: { lastMessage: { role: 'user', equals: 'Go on.' } },
				content: 'Finished.',
				usage: { promptTokens: 2500, completionTokens: 50 }
			}
		]);
		// 1,100 then 2,100 spent: the third request (about 2,100 + the new tool result) would pass 3,500.
		const first = tokenGuard(3500);
		const stopped = await h.run(ask('Count.'), { input: { spendGuard: first.guard } });
		expect(types(h.events)).toEqual([
			...['turn_start', 'usage', 'tool_call', 'tool_output', 'tool_result', 'turn_end'],
			...['turn_start', 'usage', 'tool_call', 'tool_output', 'tool_result', 'turn_end'],
			'final'
		]);
		expect(stopped.final).toEqual({
			type: 'final',
			reason: 'budget',
			message: expect.stringMatching(
				/^Budget reached: the next turn would bring the spend to about 5,\d{3} tokens of the 3,500 tokens budget\. The work so far is kept; a follow-up with a raised budget goes on\.$/
			) as unknown as string,
			summary: '',
			proposedTasks: [],
			totals: totals(2, 2, 3000, 200)
		});
		// The estimates: the whole first prompt, then the last usage plus the tool result added.
		expect(first.checks.map((c) => c.spent)).toEqual([0, 1, 2]);
		const [, second, third] = first.checks.map((c) => c.next.promptTokens);
		expect(second).toBeGreaterThan(1100);
		expect(second).toBeLessThan(1150);
		expect(third).toBeGreaterThan(2100);
		expect(third).toBeLessThan(2150);
		expect(h.state().consumed).toBe(2);

		const raised = tokenGuard(20_000, 3200);
		const messages = [...stopped.messages, { role: 'user' as const, content: 'Go on.' }];
		const finished = await h.run(messages, { input: { spendGuard: raised.guard } });
		expect(finished.final.reason).toBe('done');
		expect(finished.final.summary).toBe('Finished.');
		expect(h.state().mismatches).toEqual([]);
	});

	it('stops before the first request when what was spent before already crosses it', async () => {
		const h = await harness(server, [{ content: 'never asked' }]);
		const { guard } = tokenGuard(1000, 1000);
		const result = await h.run(ask('Anything.'), { input: { spendGuard: guard } });
		expect(types(h.events)).toEqual(['final']);
		expect(result.final.reason).toBe('budget');
		expect(h.state().consumed).toBe(0);
	});
});

import { describe, expect, it } from 'vitest';
import { compactHistory, estimateTokens } from '../../../src/lib/core/agent/index.ts';
import type { Message } from '../../../src/lib/core/model/index.ts';

const big = (fill: string) => fill.repeat(1000);

function turn(n: number, output: string): Message[] {
	return [
		{
			role: 'assistant',
			content: '',
			toolCalls: [{ id: `c${n}`, name: 'shell', arguments: `{"command":"cat f${n}"}` }]
		},
		{ role: 'tool', toolCallId: `c${n}`, content: output }
	];
}

const history: Message[] = [
	{ role: 'user', content: 'Read all files.' },
	...turn(1, big('a')),
	...turn(2, 'short'),
	...turn(3, big('c')),
	...turn(4, big('d'))
];

const note = (calls: string) =>
	'[Context note] To stay within the context window, the outputs of these earlier tool calls were\n' +
	'replaced by short stubs. What they did to the files still holds; run a command again if you\n' +
	`need its output.\n\n${calls}`;

describe('compactHistory', () => {
	it('does nothing until the history passes 80% of the window', () => {
		// 3,272 characters: the texts, the calls and 16 characters of framing per message.
		expect(estimateTokens(history)).toBe(818);
		expect(compactHistory(history, { contextWindow: 1023 })).toBeNull();
		expect(compactHistory(history, { contextWindow: 1022 })).not.toBeNull();
	});

	it('stubs tool outputs before the last two turns and notes which calls they were', () => {
		const result = compactHistory(history, { contextWindow: 1000, overheadTokens: 10 });
		expect(result).toEqual({
			messages: [
				{ role: 'user', content: 'Read all files.' },
				turn(1, big('a'))[0],
				{
					role: 'tool',
					toolCallId: 'c1',
					content: '[compacted] 1000 characters of output removed to save context.'
				},
				...turn(2, 'short'),
				{
					role: 'user',
					content: note('- shell {"command":"cat f1"} (1000 characters of output)')
				},
				...turn(3, big('c')),
				...turn(4, big('d'))
			],
			compacted: 1,
			tokensBefore: 828,
			tokensAfter: 663
		});
	});

	it('compacts more turns when told to keep fewer, and never stubs a stub twice', () => {
		const first = compactHistory(history, { contextWindow: 1000 })!;
		const second = compactHistory(first.messages, { contextWindow: 600, keepTurns: 1 })!;
		expect(second.compacted).toBe(1);
		expect(second.messages.filter((message) => message.role === 'tool')).toEqual([
			{
				role: 'tool',
				toolCallId: 'c1',
				content: '[compacted] 1000 characters of output removed to save context.'
			},
			{ role: 'tool', toolCallId: 'c2', content: 'short' },
			{
				role: 'tool',
				toolCallId: 'c3',
				content: '[compacted] 1000 characters of output removed to save context.'
			},
			{ role: 'tool', toolCallId: 'c4', content: big('d') }
		]);
		expect(second.messages.filter((message) => message.role === 'user').length).toBe(3);
	});

	it('gives up when there is nothing old enough to compact', () => {
		const recent: Message[] = [
			{ role: 'user', content: 'Go.' },
			...turn(1, big('a')),
			...turn(2, big('b'))
		];
		expect(compactHistory(recent, { contextWindow: 100 })).toBeNull();
	});
});

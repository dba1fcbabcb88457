import { describe, expect, it } from 'vitest';
import { createEventLog, type StoredEntry } from '../../../src/lib/core/tasks/event-log.ts';

type E = { kind: 'text' | 'other'; text: string };
const mergeText = (a: E, b: E): E | null =>
	a.kind === 'text' && b.kind === 'text' ? { kind: 'text', text: a.text + b.text } : null;
const texts = (batches: StoredEntry<E>[][]) => batches.map((b) => b.map((s) => s.entry.text));

describe('event log', () => {
	it('stores entries in order, merging adjacent text', async () => {
		const batches: StoredEntry<E>[][] = [];
		const log = createEventLog<E>({
			write: async (batch) => void batches.push(batch),
			merge: mergeText,
			flushEveryMs: 10_000
		});
		log.append({ kind: 'text', text: 'Hel' });
		log.append({ kind: 'text', text: 'lo' });
		log.append({ kind: 'other', text: 'x' });
		await log.flush();
		log.append({ kind: 'text', text: '!' });
		await log.flush();
		expect(batches.map((batch) => batch.map(({ entry }) => entry))).toEqual([
			[
				{ kind: 'text', text: 'Hello' },
				{ kind: 'other', text: 'x' }
			],
			[{ kind: 'text', text: '!' }]
		]);
	});

	it('stores urgent entries at once, in one transaction with those appended alongside', async () => {
		type U = { kind: 'delta' | 'result'; text: string };
		const batches: StoredEntry<U>[][] = [];
		const log = createEventLog<U>({
			write: async (batch) => void batches.push(batch),
			urgent: (entry) => entry.kind === 'result',
			flushEveryMs: 10_000
		});
		log.append({ kind: 'delta', text: 'a' });
		expect(batches).toHaveLength(0);
		log.append({ kind: 'result', text: 'exit 0' });
		log.append({ kind: 'delta', text: 'b' });
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(batches.map((batch) => batch.map((stored) => stored.entry.text))).toEqual([
			['a', 'exit 0', 'b']
		]);
	});

	it('after one failed write, later writes still happen and the failed entries go first', async () => {
		const stored: StoredEntry<E>[][] = [];
		const errors: [string, boolean][] = [];
		let failNext = true;
		const log = createEventLog<E>({
			write: async (batch) => {
				if (failNext) {
					failNext = false;
					throw new Error('Key already exists');
				}
				stored.push(batch);
			},
			onError: (error, dropped) => errors.push([(error as Error).message, dropped]),
			flushEveryMs: 10_000
		});
		log.append({ kind: 'other', text: 'one' });
		await expect(log.flush()).resolves.toBeUndefined();
		expect(stored).toEqual([]);
		log.append({ kind: 'other', text: 'two' });
		await log.flush();
		log.append({ kind: 'other', text: 'three' });
		await log.flush();
		expect(texts(stored)).toEqual([['one', 'two'], ['three']]);
		expect(errors).toEqual([['Key already exists', false]]);
	});

	it('retries a failed batch on its timer without a new append', async () => {
		const stored: StoredEntry<E>[][] = [];
		let failures = 1;
		const log = createEventLog<E>({
			write: async (batch) => {
				if (failures-- > 0) throw new Error('busy');
				stored.push(batch);
			},
			flushEveryMs: 1
		});
		log.append({ kind: 'other', text: 'final answer' });
		await log.flush();
		await expect.poll(() => texts(stored)).toEqual([['final answer']]);
	});

	it('gives a batch up after maxRetries failures in a row and goes on with the next', async () => {
		const stored: StoredEntry<E>[][] = [];
		const errors: boolean[] = [];
		let failures = 3;
		const log = createEventLog<E>({
			write: async (batch) => {
				if (failures-- > 0) throw new Error('quota');
				stored.push(batch);
			},
			onError: (_error, dropped) => errors.push(dropped),
			maxRetries: 2,
			flushEveryMs: 10_000
		});
		log.append({ kind: 'other', text: 'lost' });
		for (let i = 0; i < 3; i++) await log.flush();
		log.append({ kind: 'other', text: 'kept' });
		await log.flush();
		expect(texts(stored)).toEqual([['kept']]);
		expect(errors).toEqual([false, false, true]);
	});
});

import { describe, expect, it } from 'vitest';
import { createScheduler } from '../../../src/lib/core/tasks/scheduler.ts';
import { createEventLog, type StoredEntry } from '../../../src/lib/core/tasks/event-log.ts';

const gate = () => {
	let open!: () => void;
	const opened = new Promise<void>((resolve) => (open = resolve));
	return { open, opened };
};

describe('scheduler', () => {
	it('runs at most `concurrency` jobs at once, in order, and queues the rest', async () => {
		const changes: string[] = [];
		const scheduler = createScheduler({
			concurrency: 2,
			onChange: (id, s) => changes.push(`${id}:${s}`)
		});
		const gates = { a: gate(), b: gate(), c: gate() };
		for (const id of ['a', 'b', 'c'] as const) scheduler.enqueue(id, () => gates[id].opened);
		expect(['a', 'b', 'c'].map((id) => scheduler.state(id))).toEqual([
			'running',
			'running',
			'queued'
		]);
		gates.b.open();
		await Promise.resolve();
		await new Promise((r) => setTimeout(r, 0));
		expect(['a', 'b', 'c'].map((id) => scheduler.state(id))).toEqual([
			'running',
			'finished',
			'running'
		]);
		gates.a.open();
		gates.c.open();
		await scheduler.idle();
		expect(changes).toEqual([
			'a:queued',
			'a:running',
			'b:queued',
			'b:running',
			'c:queued',
			'b:finished',
			'c:running',
			'a:finished',
			'c:finished'
		]);
	});

	it('cancels a queued job without running it and aborts a running one', async () => {
		const scheduler = createScheduler({ concurrency: 1 });
		let sawAbort = false;
		let ranB = false;
		scheduler.enqueue(
			'a',
			(signal) =>
				new Promise<void>((resolve) =>
					signal.addEventListener('abort', () => {
						sawAbort = true;
						resolve();
					})
				)
		);
		scheduler.enqueue('b', async () => {
			ranB = true;
		});
		scheduler.cancel('b');
		scheduler.cancel('a');
		await scheduler.idle();
		expect([sawAbort, ranB, scheduler.state('a'), scheduler.state('b')]).toEqual([
			true,
			false,
			'cancelled',
			'cancelled'
		]);
	});

	it('starts queued jobs when the limit is raised', async () => {
		const scheduler = createScheduler({ concurrency: 1 });
		const g = gate();
		scheduler.enqueue('a', () => g.opened);
		scheduler.enqueue('b', () => g.opened);
		expect(scheduler.state('b')).toBe('queued');
		scheduler.setConcurrency(2);
		expect(scheduler.state('b')).toBe('running');
		g.open();
		await scheduler.idle();
	});
});

describe('event log', () => {
	it('stores entries in order with gapless sequence numbers, merging adjacent text', async () => {
		type E = { kind: 'text' | 'other'; text: string };
		const stored: StoredEntry<E>[] = [];
		const log = createEventLog<E>({
			startSeq: 5,
			write: async (batch) => void stored.push(...batch),
			merge: (a, b) =>
				a.kind === 'text' && b.kind === 'text' ? { kind: 'text', text: a.text + b.text } : null,
			flushEveryMs: 10_000
		});
		log.append({ kind: 'text', text: 'Hel' });
		log.append({ kind: 'text', text: 'lo' });
		log.append({ kind: 'other', text: 'x' });
		await log.flush();
		log.append({ kind: 'text', text: '!' });
		await log.flush();
		expect(stored.map(({ seq, entry }) => ({ seq, entry }))).toEqual([
			{ seq: 5, entry: { kind: 'text', text: 'Hello' } },
			{ seq: 6, entry: { kind: 'other', text: 'x' } },
			{ seq: 7, entry: { kind: 'text', text: '!' } }
		]);
	});

	it('stores urgent entries at once, in one transaction with those appended alongside', async () => {
		type E = { kind: 'delta' | 'result'; text: string };
		const batches: StoredEntry<E>[][] = [];
		const log = createEventLog<E>({
			startSeq: 0,
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
});

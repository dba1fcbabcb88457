import { describe, expect, it } from 'vitest';
import { createScheduler } from '../../../src/lib/core/tasks/scheduler.ts';

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

import { describe, expect, it } from 'vitest';
import type { AttemptRecord, AttemptStatus } from '../../../src/lib/core/store/index.ts';
import { attemptLocks, type LockRequester } from '../../../src/lib/core/tasks/attempt-locks.ts';
import {
	interruptWhenFreed,
	recoverInterrupted,
	type RecoverDeps
} from '../../../src/lib/core/tasks/recover.ts';

// Node's own Web Locks (navigator.locks), as a browser tab has them: one lock manager per origin.
const locks = attemptLocks(navigator.locks as LockRequester);
let counter = 0;
const uniqueId = (name: string) => `${name}-${process.pid}-${counter++}`;

function attempt(id: string, status: AttemptStatus): AttemptRecord {
	return { id, taskId: 't', index: 0, status, createdAt: 1, updatedAt: 1 };
}

/** An attempts table in memory; `interrupt` records what it was asked to interrupt. */
function store(records: AttemptRecord[]) {
	const byId = new Map(records.map((r) => [r.id, r]));
	const interrupted: string[] = [];
	const deps: RecoverDeps = {
		locks,
		all: async () => [...byId.values()],
		get: async (id) => byId.get(id),
		interrupt: async (record) => {
			interrupted.push(record.id);
			byId.set(record.id, { ...record, status: 'interrupted' });
		}
	};
	const status = (id: string) => byId.get(id)?.status;
	const set = (id: string, next: AttemptStatus) => byId.set(id, { ...byId.get(id)!, status: next });
	return { deps, interrupted, status, set };
}

describe('lock-aware recovery', () => {
	it('interrupts only active attempts whose lock is free; one another tab holds is left running', async () => {
		const [owned, abandoned, queued, done] = ['owned', 'abandoned', 'queued', 'done'].map(uniqueId);
		const release = await locks.acquire(owned!); // "the other tab" runs it
		const table = store([
			attempt(owned!, 'running'),
			attempt(abandoned!, 'running'),
			attempt(queued!, 'queued'),
			attempt(done!, 'done')
		]);
		const recovered = await recoverInterrupted(table.deps);
		expect(recovered).toEqual({ interrupted: [abandoned, queued], elsewhere: [owned] });
		expect([owned, abandoned, queued, done].map((id) => table.status(id!))).toEqual([
			'running',
			'interrupted',
			'interrupted',
			'done'
		]);
		// Recovery let go of the locks it took: the abandoned attempt can be continued.
		const again = await locks.tryAcquire(abandoned!);
		expect(again).not.toBeNull();
		await again!();
		await release();
	});

	it('reads an attempt again under its lock: one that finished meanwhile is not interrupted', async () => {
		const id = uniqueId('finishing');
		const table = store([attempt(id, 'running')]);
		// The listing is stale: by the time the lock is free, the owner has stored "done".
		const stale = [attempt(id, 'running')];
		table.set(id, 'done');
		const recovered = await recoverInterrupted({ ...table.deps, all: async () => stale });
		expect(recovered).toEqual({ interrupted: [], elsewhere: [] });
		expect(table.status(id)).toBe('done');
	});

	it('a watching tab interrupts the attempt once its owner goes away mid-run', async () => {
		const id = uniqueId('watched');
		const release = await locks.acquire(id);
		const table = store([attempt(id, 'running')]);
		let settled = false;
		const watching = interruptWhenFreed(id, table.deps).then((result) => {
			settled = true;
			return result;
		});
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(settled).toBe(false);
		expect(table.status(id)).toBe('running');
		void release(); // the owner's tab closes
		expect(await watching).toBe(true);
		expect(table.status(id)).toBe('interrupted');
	});

	it('a watching tab leaves alone an attempt its owner finished', async () => {
		const id = uniqueId('finished');
		const release = await locks.acquire(id);
		const table = store([attempt(id, 'running')]);
		const watching = interruptWhenFreed(id, table.deps);
		table.set(id, 'done');
		void release();
		expect(await watching).toBe(false);
		expect(table.interrupted).toEqual([]);
		expect(table.status(id)).toBe('done');
	});
});

describe('attempt locks', () => {
	it('tryAcquire is null while held and succeeds once released; acquire waits its turn', async () => {
		const id = uniqueId('lock');
		const first = await locks.acquire(id);
		expect(await locks.tryAcquire(id)).toBeNull();
		const order: string[] = [];
		const second = locks.acquire(id).then((release) => {
			order.push('second');
			return release;
		});
		await new Promise((resolve) => setTimeout(resolve, 10));
		order.push('first released');
		void first();
		await (
			await second
		)();
		expect(order).toEqual(['first released', 'second']);
		const third = await locks.tryAcquire(id);
		expect(third).not.toBeNull();
		await third!();
	});
});

import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
	attemptsRepo,
	newId,
	openPatchbayDb,
	tasksRepo,
	type AttemptRecord,
	type AttemptResult,
	type PatchbayDb,
	type TaskRecord
} from '../../../src/lib/core/store/index.ts';
import type { AttemptChannel, AttemptMessage } from '../../../src/lib/ui/tasks/attempt-channel.ts';
import { AttemptsStore } from '../../../src/lib/ui/tasks/attempts-store.svelte.ts';

/** BroadcastChannel's contract in memory: a post reaches every other member, later. */
function channelBus() {
	const members = new Set<Set<(message: AttemptMessage) => void>>();
	return (): AttemptChannel => {
		const mine = new Set<(message: AttemptMessage) => void>();
		members.add(mine);
		return {
			post(message) {
				for (const member of members)
					if (member !== mine)
						for (const listener of member) setTimeout(() => listener(structuredClone(message)));
			},
			listen(listener) {
				mine.add(listener);
				return () => mine.delete(listener);
			}
		};
	};
}

/** Two tabs: two stores, each with its own connection to one database and its own channel. */
async function twoTabs() {
	const name = `patchbay-test-${newId()}`;
	const join = channelBus();
	const tab = async () => {
		const db = await openPatchbayDb({ name });
		const channel = join();
		return {
			db,
			store: new AttemptsStore(
				async () => db,
				() => channel
			)
		};
	};
	return [await tab(), await tab()] as const;
}

const now = 1_000;
const task: TaskRecord = {
	...{ id: 'task1', title: 'Fix it', prompt: 'Fix it', mode: 'code' },
	...{ environmentId: 'env1', branch: 'main', attemptCount: 2, createdAt: now, updatedAt: now }
};
const attempt = (index: number): AttemptRecord => ({
	...{ id: `attempt${index}`, taskId: task.id, index, status: 'queued' },
	...{ createdAt: now, updatedAt: now }
});
const result: Omit<AttemptResult, 'pushed'> = {
	baseline: { commit: 'c'.repeat(40), tree: 't'.repeat(40), branch: 'main' },
	changes: [{ path: 'a.txt', before: null, after: new TextEncoder().encode('a\n') }],
	patch: 'diff --git a/a.txt b/a.txt\n',
	additions: 1,
	deletions: 0,
	summary: 'Added a.txt.'
};
const pushed = { branch: 'patchbay/fix-it', commitSha: 'd'.repeat(40) };

const stored = async (db: PatchbayDb, id: string) => (await attemptsRepo(db).get(id))!;
const withoutTimes = ({ updatedAt: _, ...rest }: AttemptRecord) => rest;

describe('attempts store', () => {
	it('has no public state: readers get frozen snapshots, and only its methods change them', async () => {
		const [{ store, db }] = await twoTabs();
		await store.addTask(task, [attempt(0), attempt(1)]);
		expect(Object.keys(store)).toEqual([]);
		expect(store.tasks).toEqual([task]);
		expect(store.attemptsOf(task.id).map((a) => a.id)).toEqual(['attempt0', 'attempt1']);
		expect(() => (store.tasks as TaskRecord[]).push(task)).toThrow(TypeError);
		expect(() => ((store.attempts[0] as AttemptRecord).status = 'done')).toThrow(TypeError);
		await store.setStatus('attempt0', 'running');
		expect(store.attempt('attempt0')?.status).toBe('running');
		expect(withoutTimes(await stored(db, 'attempt0'))).toEqual(
			withoutTimes(store.attempt('attempt0')!)
		);
		expect(await tasksRepo(db).get(task.id)).toEqual(task);
	});

	it('writers in two tabs at once serialize: no change is lost, and both tabs end up alike', async () => {
		const [one, two] = await twoTabs();
		await one.store.addTask(task, [attempt(0), attempt(1)]);
		await two.store.load();
		// Each tab changes a different part of the same record at the same time.
		await Promise.all([
			one.store.saveResult('attempt0', result),
			two.store.setStatus('attempt0', 'done'),
			two.store.chooseAttempt(task.id, 'attempt0'),
			one.store.setStatus('attempt1', 'running'),
			two.store.setStatus('attempt1', 'failed')
		]);
		await two.store.rememberPush('attempt0', pushed);
		await one.store.saveResult('attempt0', { ...result, summary: 'Again.' });

		const expected: AttemptRecord = {
			...attempt(0),
			status: 'done',
			result: { ...result, summary: 'Again.', pushed }
		};
		expect(withoutTimes(await stored(one.db, 'attempt0'))).toEqual(withoutTimes(expected));
		expect((await stored(one.db, 'attempt1')).status).toBe('failed');
		expect((await tasksRepo(one.db).get(task.id))?.chosenAttemptId).toBe('attempt0');
		for (const { store } of [one, two])
			await expect
				.poll(() => store.attemptsOf(task.id).map(withoutTimes))
				.toEqual([withoutTimes(expected), withoutTimes({ ...attempt(1), status: 'failed' })]);
		await expect.poll(() => two.store.task(task.id)?.chosenAttemptId).toBe('attempt0');
	});

	it('many writes of one tab land in the order asked for', async () => {
		const [{ store, db }] = await twoTabs();
		await store.addTask(task, [attempt(0)]);
		const statuses = ['preparing', 'running', 'done', 'queued', 'running', 'cancelled'] as const;
		await Promise.all(statuses.map((status) => store.setStatus('attempt0', status)));
		expect((await stored(db, 'attempt0')).status).toBe('cancelled');
		expect(store.attempt('attempt0')?.status).toBe('cancelled');
	});

	it('a run log is live in its tab and read from the store in the other', async () => {
		const [one, two] = await twoTabs();
		await one.store.addTask(task, [attempt(0)]);
		const heard: number[] = [];
		two.store.onStored('attempt0', () => heard.push(heard.length));
		await two.store.load();
		const live: string[] = [];
		one.store.subscribe('attempt0', (entry) => live.push(entry.kind));
		const log = await one.store.openRunLog('attempt0');
		log.append({ kind: 'status', status: 'running' });
		log.append({ kind: 'user', text: 'Fix it' });
		await log.close();
		expect(live).toEqual(['status', 'user']);
		expect(one.store.liveEntries('attempt0')).toEqual([
			{ kind: 'status', status: 'running' },
			{ kind: 'user', text: 'Fix it' }
		]);
		expect(two.store.liveEntries('attempt0')).toBeUndefined();
		await expect.poll(() => heard.length).toBeGreaterThan(0);
		expect(await two.store.readLog('attempt0')).toEqual([
			{ seq: 0, entry: { kind: 'status', status: 'running' } },
			{ seq: 1, entry: { kind: 'user', text: 'Fix it' } }
		]);
	});
});

import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
	attemptsRepo,
	defaultSettings,
	environmentsRepo,
	eventsRepo,
	migrations,
	newId,
	openPatchbayDb,
	settingsRepo,
	tasksRepo,
	type EnvironmentRecord,
	type Migration,
	type TaskRecord
} from '../../../src/lib/core/store/index.ts';

const uniqueName = () => `patchbay-test-${newId()}`;

const environment: EnvironmentRecord = {
	id: 'env1',
	name: 'demo',
	repoUrl: 'acme/demo',
	defaultBranch: 'main',
	setupScript: 'npm ci',
	envVars: [{ name: 'CI', value: '1' }],
	setupSecrets: [{ name: 'NPM_TOKEN', value: 'secret' }],
	agentPolicy: { access: 'off', preset: 'none', domains: [], methods: 'read' },
	runtime: 'auto',
	createdAt: 1,
	updatedAt: 1
};

const task = (id: string, createdAt: number): TaskRecord => ({
	id,
	title: `task ${id}`,
	prompt: 'fix it',
	mode: 'code',
	environmentId: 'env1',
	branch: 'main',
	attemptCount: 1,
	createdAt,
	updatedAt: createdAt
});

describe('settings', () => {
	it('are the defaults until saved, then what was saved', async () => {
		const db = await openPatchbayDb({ name: uniqueName() });
		const repo = settingsRepo(db);
		expect(await repo.get()).toEqual(defaultSettings);
		const changed = {
			...defaultSettings,
			model: { ...defaultSettings.model, baseURL: 'http://localhost:11434/v1', model: 'qwen' }
		};
		await repo.save(changed);
		expect(await repo.get()).toEqual(changed);
		db.close();
	});

	it("keep a git host's kind only where core/forge lets Settings name one", async () => {
		const db = await openPatchbayDb({ name: uniqueName() });
		const host = (name: string, kind?: string) => ({
			host: name,
			username: '',
			token: 't',
			proxyMayCarry: false,
			...(kind === undefined ? {} : { kind })
		});
		// Written as an old or hand-edited record would be: any string may be stored.
		await db.put('settings', {
			...defaultSettings,
			git: {
				corsProxy: '',
				hosts: [
					host('gl.example.com', 'gitlab'),
					host('tea.example.com', 'gitea'),
					host('gh.example.com', 'github'),
					host('plain.example.com', 'git'),
					host('odd.example.com', 'svn'),
					host('none.example.com')
				]
			} as never,
			id: 'app',
			updatedAt: 1
		});
		expect((await settingsRepo(db).get()).git.hosts).toEqual([
			host('gl.example.com', 'gitlab'),
			host('tea.example.com', 'gitea'),
			host('gh.example.com'),
			host('plain.example.com'),
			host('odd.example.com'),
			host('none.example.com')
		]);
		db.close();
	});
});

describe('records', () => {
	it('stores, lists and deletes environments, tasks and attempts', async () => {
		const db = await openPatchbayDb({ name: uniqueName() });
		await environmentsRepo(db).put(environment);
		expect(await environmentsRepo(db).all()).toEqual([environment]);

		const tasks = tasksRepo(db);
		await tasks.put(task('a', 10));
		await tasks.put(task('b', 30));
		await tasks.put(task('c', 20));
		expect((await tasks.newestFirst()).map((t) => t.id)).toEqual(['b', 'c', 'a']);

		const attempts = attemptsRepo(db);
		for (const index of [2, 0, 1]) {
			await attempts.put({
				id: `b${index}`,
				taskId: 'b',
				index,
				status: 'queued',
				createdAt: 1,
				updatedAt: 1
			});
		}
		await attempts.put({
			id: 'a0',
			taskId: 'a',
			index: 0,
			status: 'done',
			createdAt: 1,
			updatedAt: 1
		});
		expect((await attempts.ofTask('b')).map((a) => a.id)).toEqual(['b0', 'b1', 'b2']);

		await environmentsRepo(db).delete('env1');
		expect(await environmentsRepo(db).get('env1')).toBeUndefined();
		db.close();
	});
});

describe('attempt events', () => {
	const event = (attemptId: string, seq: number, text: string) => ({
		attemptId,
		seq,
		time: seq,
		type: 'text',
		data: { text }
	});
	const fresh = (text: string, time = 0) => ({ time, type: 'text', data: { text } });

	it('are numbered by the store, in order per attempt, from 0 with no gaps', async () => {
		const db = await openPatchbayDb({ name: uniqueName() });
		const events = eventsRepo(db);
		expect(await events.append('x', [fresh('a', 0), fresh('b', 1)])).toBe(0);
		expect(await events.append('y', [fresh('c', 0)])).toBe(0);
		expect(await events.append('x', [fresh('d', 2)])).toBe(2);
		expect(await events.list('x')).toEqual([
			event('x', 0, 'a'),
			event('x', 1, 'b'),
			event('x', 2, 'd')
		]);
		expect(await events.list('x', 1)).toEqual([event('x', 1, 'b'), event('x', 2, 'd')]);
		await events.deleteAttempt('x');
		expect(await events.list('x')).toEqual([]);
		expect(await events.list('y')).toEqual([event('y', 0, 'c')]);
		db.close();
	});

	it('two connections appending at once (two tabs) never take the same number', async () => {
		const name = uniqueName();
		const [one, two] = [await openPatchbayDb({ name }), await openPatchbayDb({ name })];
		const batches = Array.from({ length: 20 }, (_, i) => ({
			repo: eventsRepo(i % 2 === 0 ? one : two),
			texts: [`${i}.0`, `${i}.1`, `${i}.2`]
		}));
		const firsts = await Promise.all(
			batches.map(({ repo, texts }) =>
				repo.append(
					'a',
					texts.map((text) => fresh(text))
				)
			)
		);
		const stored = await eventsRepo(one).list('a');
		expect(stored.map((record) => record.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i));
		// Each batch is stored whole, at the numbers its append returned.
		const byBatch = batches.map((_, i) =>
			stored
				.slice(firsts[i], firsts[i]! + 3)
				.map((record) => (record.data as { text: string }).text)
		);
		expect(byBatch).toEqual(batches.map(({ texts }) => texts));
		expect(new Set(firsts).size).toBe(20);
		one.close();
		two.close();
	});
});

describe('migrations', () => {
	it('open a v1 database with data in it and keep the data', async () => {
		const name = uniqueName();
		const v1 = await openPatchbayDb({ name, migrations: migrations.slice(0, 1) });
		await environmentsRepo(v1).put(environment);
		await tasksRepo(v1).put(task('t', 5));
		await eventsRepo(v1).append('a', [{ time: 1, type: 'text', data: 'hi' }]);
		v1.close();

		const current = await openPatchbayDb({ name });
		expect(current.version).toBe(migrations.length);
		expect(await environmentsRepo(current).get('env1')).toEqual(environment);
		expect(await tasksRepo(current).get('t')).toEqual(task('t', 5));
		expect(await eventsRepo(current).list('a')).toEqual([
			{ attemptId: 'a', seq: 0, time: 1, type: 'text', data: 'hi' }
		]);
		current.close();
	});

	it('run each later migration once, in order, over existing records', async () => {
		const name = uniqueName();
		const v1 = await openPatchbayDb({ name, migrations: migrations.slice(0, 1) });
		await environmentsRepo(v1).put(environment);
		v1.close();

		const ran: number[] = [];
		const renameEnvironments: Migration = async (_db, tx) => {
			ran.push(2);
			const store = tx.objectStore('environments');
			for (const record of await store.getAll())
				await store.put({ ...record, name: `${record.name}!` });
		};
		const later = [...migrations.slice(0, 1), renameEnvironments, () => void ran.push(3)];
		const upgraded = await openPatchbayDb({ name, migrations: later });
		expect(upgraded.version).toBe(3);
		expect(ran).toEqual([2, 3]);
		expect((await environmentsRepo(upgraded).get('env1'))?.name).toBe('demo!');
		upgraded.close();

		const again = await openPatchbayDb({ name, migrations: later });
		expect(ran).toEqual([2, 3]);
		again.close();
	});
});

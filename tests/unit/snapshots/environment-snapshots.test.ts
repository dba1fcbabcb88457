import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createLiteSandbox, type TreeFile } from '../../../src/lib/core/sandbox/index.ts';
import {
	captureSandbox,
	createEnvironmentSnapshots,
	packFiles,
	type SnapshotKey
} from '../../../src/lib/core/snapshots/index.ts';
import {
	environmentsRepo,
	migrations,
	newId,
	openPatchbayDb,
	snapshotsRepo,
	type EnvironmentRecord,
	type SnapshotRecord,
	type SnapshotsRepo
} from '../../../src/lib/core/store/index.ts';

const HOUR = 3_600_000;
const bytes = (text: string) => new TextEncoder().encode(text);
const files: TreeFile[] = [
	{ path: 'package.json', mode: '100644', data: bytes('{}') },
	{ path: 'node_modules/dep/index.js', mode: '100644', data: bytes('module.exports = 42;\n') },
	{ path: 'bin/run', mode: '100755', data: bytes('#!/bin/sh\n') },
	{ path: 'link', mode: '120000', data: bytes('package.json') }
];
const plain = (list: TreeFile[]) => list.map((f) => ({ ...f, data: [...f.data] }));
const keyOf = (environmentId: string, commit = 'c1'): SnapshotKey => ({
	environmentId,
	commit,
	configHash: 'h'
});

async function freshRepo() {
	const db = await openPatchbayDb({ name: `snapshots-${newId()}` });
	return snapshotsRepo(db);
}

function clock(start = 100 * HOUR) {
	let now = start;
	return { now: () => now, advance: (ms: number) => void (now += ms) };
}

const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('environment snapshots over IndexedDB', () => {
	it('save, then find fresh with the same files; expired after the maximum age', async () => {
		const repo = await freshRepo();
		const time = clock();
		const snapshots = createEnvironmentSnapshots({ repo, maxAgeMs: 12 * HOUR, now: time.now });
		expect(await snapshots.find(keyOf('e1'))).toEqual({ kind: 'missing' });

		const saved = await snapshots.save(keyOf('e1'), 'lite', files);
		const record: SnapshotRecord = {
			environmentId: 'e1',
			commit: 'c1',
			configHash: 'h',
			runtime: 'lite',
			createdAt: 100 * HOUR,
			bytes: packFiles(files).length,
			fileCount: 4
		};
		expect(saved).toEqual({ ok: true, record, evicted: [] });
		expect(await repo.all()).toEqual([record]);

		time.advance(HOUR);
		const found = await snapshots.find(keyOf('e1'));
		if (found.kind !== 'fresh') throw new Error(`expected fresh, got ${found.kind}`);
		expect(found.ageMs).toBe(HOUR);
		expect(plain(found.files)).toEqual(plain(files));

		expect(await snapshots.find(keyOf('e1', 'c2'))).toEqual({ kind: 'changed', record });
		time.advance(11 * HOUR);
		expect(await snapshots.find(keyOf('e1'))).toEqual({
			kind: 'expired',
			record,
			ageMs: 12 * HOUR
		});
	});

	it('a damaged snapshot is reported unreadable and deleted', async () => {
		const repo = await freshRepo();
		const snapshots = createEnvironmentSnapshots({ repo, maxAgeMs: HOUR });
		await snapshots.save(keyOf('e1'), 'lite', files);
		const record = (await repo.get('e1'))!;
		await repo.put(record, bytes('garbage'));
		expect(await snapshots.find(keyOf('e1'))).toEqual({
			kind: 'unreadable',
			reason: 'The environment snapshot is damaged (not a snapshot).'
		});
		expect(await repo.all()).toEqual([]);
	});

	it('on a full disk, evicts the oldest other snapshots and retries once', async () => {
		const repo = await freshRepo();
		const time = clock();
		const snapshots = createEnvironmentSnapshots({ repo, maxAgeMs: HOUR, now: time.now });
		for (const id of ['old', 'mid', 'new']) {
			await snapshots.save(keyOf(id), 'lite', files);
			time.advance(1000);
		}
		const size = packFiles(files).length;
		// The next write fails once, as IndexedDB does when the origin is over its quota.
		let failures = 1;
		const full: SnapshotsRepo = {
			...repo,
			put: async (record, data) => {
				if (failures-- > 0) throw quotaError();
				return repo.put(record, data);
			}
		};
		const saved = await createEnvironmentSnapshots({
			repo: full,
			maxAgeMs: HOUR,
			now: time.now
		}).save(keyOf('e4'), 'lite', files);
		expect(saved).toEqual({
			ok: true,
			evicted: ['old'],
			record: expect.objectContaining({ environmentId: 'e4', bytes: size })
		});
		expect((await repo.all()).map((r) => r.environmentId)).toEqual(['mid', 'new', 'e4']);
	});

	it('when the retry fails too, says so, and the snapshot is not half-written', async () => {
		const repo = await freshRepo();
		const snapshots = createEnvironmentSnapshots({ repo, maxAgeMs: HOUR });
		await snapshots.save(keyOf('other'), 'lite', files);
		const full: SnapshotsRepo = {
			...repo,
			put: async () => {
				throw quotaError();
			}
		};
		const saved = await createEnvironmentSnapshots({ repo: full, maxAgeMs: HOUR }).save(
			keyOf('e1'),
			'lite',
			files
		);
		expect(saved).toEqual({
			ok: false,
			reason: 'The quota has been exceeded.',
			evicted: ['other']
		});
		expect(await repo.all()).toEqual([]);
		expect(await repo.data('e1')).toBeUndefined();
	});

	it('another failure is reported without evicting anything', async () => {
		const repo = await freshRepo();
		await createEnvironmentSnapshots({ repo, maxAgeMs: HOUR }).save(keyOf('other'), 'lite', files);
		const broken: SnapshotsRepo = {
			...repo,
			put: async () => {
				throw new Error('disk on fire');
			}
		};
		expect(
			await createEnvironmentSnapshots({ repo: broken, maxAgeMs: HOUR }).save(
				keyOf('e1'),
				'lite',
				files
			)
		).toEqual({ ok: false, reason: 'disk on fire', evicted: [] });
		expect((await repo.all()).map((r) => r.environmentId)).toEqual(['other']);
	});
});

describe('the v2 migration', () => {
	it('adds the snapshot stores to a v1 database, keeping its records', async () => {
		const name = `snapshots-v1-${newId()}`;
		const v1 = await openPatchbayDb({ name, migrations: migrations.slice(0, 1) });
		expect([...v1.objectStoreNames]).not.toContain('snapshots');
		const environment: EnvironmentRecord = {
			id: 'e1',
			name: 'demo',
			repoUrl: 'acme/demo',
			defaultBranch: 'main',
			setupScript: 'npm ci',
			envVars: [],
			setupSecrets: [],
			agentPolicy: { access: 'off', preset: 'none', domains: [], methods: 'read' },
			runtime: 'lite',
			createdAt: 1,
			updatedAt: 1
		};
		await environmentsRepo(v1).put(environment);
		v1.close();

		const v2 = await openPatchbayDb({ name });
		expect(v2.version).toBe(2);
		expect(await environmentsRepo(v2).get('e1')).toEqual(environment);
		const repo = snapshotsRepo(v2);
		await createEnvironmentSnapshots({ repo, maxAgeMs: HOUR, now: () => 5 }).save(
			keyOf('e1'),
			'lite',
			files
		);
		expect((await repo.all()).map((r) => [r.environmentId, r.createdAt, r.fileCount])).toEqual([
			['e1', 5, 4]
		]);
		v2.close();
	});
});

describe('captureSandbox', () => {
	it('reads every file of a Lite sandbox, modes and symlinks included', async () => {
		const sandbox = createLiteSandbox({ root: '/work/capture' });
		await sandbox.writeTree(files);
		await sandbox.exec('mkdir -p node_modules/.bin && echo built > node_modules/.bin/out');
		const captured = await captureSandbox(sandbox);
		expect(plain(captured)).toEqual(
			plain([
				{ path: 'bin/run', mode: '100755', data: bytes('#!/bin/sh\n') },
				{ path: 'link', mode: '120000', data: bytes('package.json') },
				{ path: 'node_modules/.bin/out', mode: '100644', data: bytes('built\n') },
				files[1]!,
				files[0]!
			])
		);
	});
});

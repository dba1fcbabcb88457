import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/lib/core/http/index.ts';
import type { FileMode, TreeFile } from '../../../src/lib/core/sandbox/index.ts';
import {
	evictionOrder,
	formatAge,
	judgeSnapshot,
	packFiles,
	snapshotKey,
	unpackFiles
} from '../../../src/lib/core/snapshots/index.ts';
import type { SnapshotRecord } from '../../../src/lib/core/store/index.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const plain = (files: TreeFile[]) => files.map((f) => ({ ...f, data: [...f.data] }));

describe('packFiles / unpackFiles', () => {
	it('round-trip any set of files exactly (paths, modes, bytes, empty files)', () => {
		const file = fc.record({
			path: fc.string({ minLength: 1, maxLength: 40 }),
			mode: fc.constantFrom<FileMode>('100644', '100755', '120000'),
			data: fc.uint8Array({ maxLength: 300 })
		});
		fc.assert(
			fc.property(fc.array(file, { maxLength: 30 }), (files) => {
				expect(plain(unpackFiles(packFiles(files)))).toEqual(plain(files));
			})
		);
	});

	it('reject damaged blobs with a typed error, whatever the damage', () => {
		const good = packFiles([
			{ path: 'a.txt', mode: '100644', data: bytes('hello') },
			{ path: 'node_modules/x/index.js', mode: '100644', data: bytes('module.exports = 1') }
		]);
		const damaged: [string, Uint8Array][] = [
			['not a snapshot', bytes('PK\u0003\u0004 a zip file')],
			['truncated data', good.subarray(0, good.length - 3)],
			['trailing data', new Uint8Array([...good, 1, 2, 3])],
			['truncated table', good.subarray(0, 14)],
			['not a snapshot', new Uint8Array()]
		];
		for (const [why, blob] of damaged) {
			let caught: unknown;
			try {
				unpackFiles(blob);
			} catch (error) {
				caught = error;
			}
			expect(caught, why).toBeInstanceOf(AppError);
			expect((caught as AppError).code).toBe('snapshot-corrupt');
			expect((caught as AppError).message).toBe(`The environment snapshot is damaged (${why}).`);
		}
	});
});

describe('snapshotKey', () => {
	const environment = {
		id: 'env1',
		setupScript: 'npm ci',
		envVars: [
			{ name: 'B', value: '2' },
			{ name: 'A', value: '1' }
		],
		setupSecrets: [{ name: 'NPM_TOKEN', value: 'npm_s3cr3t' }]
	};
	const key = (
		change: Partial<typeof environment> = {},
		runtime: 'lite' | 'webcontainer' = 'lite'
	) => snapshotKey({ environment: { ...environment, ...change }, commit: 'c'.repeat(40), runtime });

	it('is the environment, the commit and a SHA-256 of the setup; values never in clear', async () => {
		const base = await key();
		expect(base.environmentId).toBe('env1');
		expect(base.commit).toBe('c'.repeat(40));
		expect(base.configHash).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(base)).not.toMatch(/npm ci|npm_s3cr3t|"1"|"2"/);
	});

	it('ignores the order of variables and changes with anything that changes the setup', async () => {
		const base = (await key()).configHash;
		expect((await key({ envVars: [...environment.envVars].reverse() })).configHash, 'order').toBe(
			base
		);
		const changed = [
			await key({ setupScript: 'npm install' }),
			await key({ envVars: [{ name: 'A', value: '1' }] }),
			await key({
				envVars: [
					{ name: 'A', value: '1' },
					{ name: 'B', value: '3' }
				]
			}),
			await key({ setupSecrets: [{ name: 'NPM_TOKEN', value: 'rotated' }] }),
			await key({}, 'webcontainer')
		].map((k) => k.configHash);
		expect(new Set([base, ...changed]).size).toBe(6);
	});
});

const record = (environmentId: string, createdAt: number, bytes = 100): SnapshotRecord => ({
	environmentId,
	commit: 'c1',
	configHash: 'h1',
	runtime: 'lite',
	createdAt,
	bytes,
	fileCount: 1
});

describe('judgeSnapshot', () => {
	const key = { environmentId: 'e', commit: 'c1', configHash: 'h1' };
	const hour = 3_600_000;
	it('says fresh, missing, changed or expired', () => {
		const r = record('e', 10 * hour);
		expect(judgeSnapshot(r, key, 11 * hour, 12 * hour)).toEqual({
			kind: 'fresh',
			record: r,
			ageMs: hour
		});
		expect(judgeSnapshot(undefined, key, 0, hour)).toEqual({ kind: 'missing' });
		expect(judgeSnapshot(r, { ...key, commit: 'c2' }, 11 * hour, 12 * hour)).toEqual({
			kind: 'changed',
			record: r
		});
		expect(judgeSnapshot(r, { ...key, configHash: 'h2' }, 11 * hour, 12 * hour)).toEqual({
			kind: 'changed',
			record: r
		});
		expect(judgeSnapshot(r, key, 22 * hour, 12 * hour)).toEqual({
			kind: 'expired',
			record: r,
			ageMs: 12 * hour
		});
		// Dated in the future: the clock moved; not trusted.
		expect(judgeSnapshot(r, key, 9 * hour, 12 * hour)).toEqual({
			kind: 'expired',
			record: r,
			ageMs: -hour
		});
	});
});

describe('evictionOrder', () => {
	const records = [record('new', 30, 500), record('old', 10, 100), record('mid', 20, 200)];
	it('takes the oldest first until enough is freed, never the one kept', () => {
		expect(evictionOrder(records, 50)).toEqual(['old']);
		expect(evictionOrder(records, 250)).toEqual(['old', 'mid']);
		expect(evictionOrder(records, 250, 'old')).toEqual(['mid', 'new']);
		expect(evictionOrder(records, 10_000)).toEqual(['old', 'mid', 'new']);
		expect(evictionOrder([], 10)).toEqual([]);
	});
});

describe('formatAge', () => {
	it('reads as the log and Settings say it', () => {
		const minute = 60_000;
		expect(
			[
				0,
				59_999,
				minute,
				42 * minute,
				119 * minute,
				120 * minute,
				47 * 60 * minute,
				49 * 60 * minute,
				-5
			].map(formatAge)
		).toEqual([
			'less than a minute',
			'less than a minute',
			'1 minute',
			'42 minutes',
			'119 minutes',
			'2 hours',
			'47 hours',
			'2 days',
			'less than a minute'
		]);
	});
});

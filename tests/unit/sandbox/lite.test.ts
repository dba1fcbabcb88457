import { describe, expect, it } from 'vitest';
import { blobOidSync, detectChanges } from '../../../src/lib/core/diff/index.ts';
import { createLiteSandbox } from '../../../src/lib/core/sandbox/lite.ts';
import type { Sandbox, TreeFile } from '../../../src/lib/core/sandbox/types.ts';
import { sandboxContract } from './contract.ts';

sandboxContract('Lite (just-bash)', async () => createLiteSandbox({ root: '/work/attempt-1' }));

describe('Lite: stat data from writeTree, like git index entries', () => {
	const enc = new TextEncoder();
	const tree: TreeFile[] = [
		{ path: 'a.txt', mode: '100644', data: enc.encode('aaaa\n'), oid: 'a'.repeat(40) },
		{ path: 'b.txt', mode: '100644', data: enc.encode('bbbb\n'), oid: 'b'.repeat(40) },
		{ path: 'dir/c.sh', mode: '100755', data: enc.encode('cccc\n'), oid: 'c'.repeat(40) },
		{ path: 'plain.txt', mode: '100644', data: enc.encode('no oid\n') },
		{ path: 'ln', mode: '120000', data: enc.encode('a.txt'), oid: 'd'.repeat(40) }
	];
	const oids = async (sandbox: Sandbox) =>
		Object.fromEntries((await sandbox.list()).map((e) => [e.path, e.oid]));

	async function written() {
		const sandbox = createLiteSandbox({ root: '/work/stat' });
		await sandbox.writeTree(tree);
		return sandbox;
	}

	it('lists size and mtime, and the blob id of each file still as written', async () => {
		const sandbox = await written();
		const listed = await sandbox.list();
		expect(listed.map((e) => [e.path, e.size])).toEqual([
			['a.txt', 5],
			['b.txt', 5],
			['dir/c.sh', 5],
			['ln', 5],
			['plain.txt', 7]
		]);
		for (const entry of listed) expect(typeof entry.mtimeMs).toBe('number');
		expect(await oids(sandbox)).toEqual({
			'a.txt': 'a'.repeat(40),
			'b.txt': 'b'.repeat(40),
			'dir/c.sh': 'c'.repeat(40),
			ln: undefined,
			'plain.txt': undefined
		});
	});

	it('drops the blob id of a file rewritten at once with the same size (same mtime tick)', async () => {
		const sandbox = await written();
		// No await between the tree and these writes' clock reads beyond the file system's own.
		await sandbox.exec('printf "AAAA\\n" > a.txt');
		await sandbox.writeFile('b.txt', 'BBBB\n');
		const fs = await oids(sandbox);
		expect([fs['a.txt'], fs['b.txt'], fs['dir/c.sh']]).toEqual([
			undefined,
			undefined,
			'c'.repeat(40)
		]);
	});

	it('drops it when another file of the same size and mtime is copied or moved over it', async () => {
		const sandbox = await written();
		await sandbox.exec('cp a.txt b.txt');
		expect((await oids(sandbox))['b.txt']).toBeUndefined();
		const again = await written();
		await again.exec('mv a.txt b.txt');
		const after = await oids(again);
		expect(after['b.txt']).toBeUndefined();
		expect('a.txt' in after).toBe(false);
	});

	it('drops it on a mode change or a touch, and never reports it for a racy entry', async () => {
		const sandbox = await written();
		await sandbox.exec('chmod +x a.txt; touch dir/c.sh');
		const after = await oids(sandbox);
		expect([after['a.txt'], after['dir/c.sh'], after['b.txt']]).toEqual([
			undefined,
			undefined,
			'b'.repeat(40)
		]);
	});

	it('lets change detection skip unchanged files and still find every change', async () => {
		const real = tree.map((f) => ({
			...f,
			oid: f.mode === '120000' ? undefined : blobOidSync(f.data)
		}));
		const sandbox = createLiteSandbox({ root: '/work/stat-detect' });
		await sandbox.writeTree(real);
		await sandbox.exec('printf "AAAA\\n" > a.txt; echo new > d.txt');
		const entries = real.map((f) => ({ path: f.path, mode: f.mode, oid: blobOidSync(f.data) }));
		const byOid = new Map(real.map((f) => [blobOidSync(f.data), f.data]));
		const reads: string[] = [];
		const reader = {
			list: () => sandbox.list(),
			read: async (path: string) => {
				reads.push(path);
				return (await sandbox.readFile(path)) ?? new Uint8Array();
			}
		};
		const changes = await detectChanges({ entries }, reader, async (oid) => byOid.get(oid)!);
		expect(changes.map((c) => c.path)).toEqual(['a.txt', 'd.txt']);
		expect(reads.sort()).toEqual(['a.txt', 'd.txt', 'ln']);
	});

	it('lists only what a walk would reach: not below skipped folders or a given folder', async () => {
		const sandbox = await written();
		await sandbox.exec(
			'mkdir -p x/node_modules/p y && echo 1 > x/node_modules/p/i.js && echo 2 > y/z'
		);
		const paths = async (dir?: string, skipDirs?: string[]) =>
			(await sandbox.list(dir, { skipDirs })).map((e) => e.path);
		expect(await paths('', ['node_modules', 'dir'])).toEqual([
			'a.txt',
			'b.txt',
			'ln',
			'plain.txt',
			'y/z'
		]);
		expect(await paths('x')).toEqual(['x/node_modules/p/i.js']);
		expect(await paths('a.txt')).toEqual([]);
	});
});

import { execFileSync } from 'node:child_process';
import * as nodeFs from 'node:fs';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as git from 'isomorphic-git';
import { afterEach, describe, expect, it } from 'vitest';
import { blobOidSync } from '../../../src/lib/core/diff/index.ts';
import {
	buildTrees,
	listObjects,
	openObjectStore,
	readBlob,
	writeBlob
} from '../../../src/lib/core/git/object-store.ts';
import { createPackWriter } from '../../../src/lib/core/git/pack-writer.ts';

const dirs: string[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function blobs(count: number): Uint8Array[] {
	const enc = new TextEncoder();
	const out = [new Uint8Array(0), new Uint8Array([0, 1, 2, 255]), new Uint8Array(70_000).fill(7)];
	for (let i = 0; out.length < count; i++) out.push(enc.encode(`file ${i}\n`.repeat(i % 50)));
	return out;
}

describe('pack writer', () => {
	it('writes packs that git itself verifies and isomorphic-git reads back', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'patchbay-pack-'));
		dirs.push(dir);
		const gitdir = join(dir, 'store.git');
		const store = await openObjectStore(nodeFs, gitdir);
		// A small limit: several packs, written while more blobs arrive.
		const packs = createPackWriter(store, { packBytes: 2_000 });
		const all = blobs(200);
		await Promise.all(all.map((bytes) => packs.add(blobOidSync(bytes), bytes)));
		await packs.add(blobOidSync(all[5]!), all[5]!); // twice: stored once
		await packs.close();

		const indices = readdirSync(join(gitdir, 'objects/pack')).filter((f) => f.endsWith('.idx'));
		expect(indices.length).toBeGreaterThan(1);
		let objects = 0;
		for (const idx of indices) {
			const out = execFileSync('git', ['verify-pack', '-v', join(gitdir, 'objects/pack', idx)], {
				encoding: 'utf8'
			});
			objects += out.split('\n').filter((line) => / blob /.test(line)).length;
		}
		expect(objects).toBe(new Set(all.map((b) => blobOidSync(b))).size);
		// Every object's zlib stream and checksum, the packs' and indexes' own checksums.
		execFileSync('git', ['--git-dir', gitdir, 'fsck', '--full', '--strict'], { stdio: 'pipe' });
		for (const bytes of all) {
			const oid = blobOidSync(bytes);
			expect(await readBlob(store, oid)).toEqual(bytes);
			const native = execFileSync('git', ['--git-dir', gitdir, 'cat-file', 'blob', oid]);
			expect(Buffer.from(bytes).equals(native)).toBe(true);
		}
	});

	it('packs trees too, and lists every object, packed or loose, in one pass', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'patchbay-pack-'));
		dirs.push(dir);
		const gitdir = join(dir, 'store.git');
		const store = await openObjectStore(nodeFs, gitdir);
		expect(await listObjects(store)).toEqual(new Set());

		const files = blobs(20).map((bytes, i) => ({
			bytes,
			path: `d${i % 3}/sub/f${i}`,
			mode: '100644'
		}));
		const entries = files.map((f) => ({ path: f.path, mode: f.mode, oid: blobOidSync(f.bytes) }));
		const { root, trees } = buildTrees(entries);
		const packs = createPackWriter(store);
		for (const f of files) void packs.add(blobOidSync(f.bytes), f.bytes);
		for (const t of trees) void packs.add(t.oid, t.bytes, 'tree');
		await packs.close();
		const loose = await writeBlob(store, new TextEncoder().encode('loose\n'));

		// git reads the tree we built back as the files we put in.
		const listed = execFileSync('git', ['--git-dir', gitdir, 'ls-tree', '-r', root], {
			encoding: 'utf8'
		});
		expect(listed.trim().split('\n').sort()).toEqual(
			entries.map((e) => `${e.mode} blob ${e.oid}\t${e.path}`).sort()
		);
		expect(await listObjects(store)).toEqual(
			new Set([...entries.map((e) => e.oid), ...trees.map((t) => t.oid), loose])
		);
		// isomorphic-git walks the packed tree and reads every blob back as put in.
		const walked = await git.walk({
			fs: nodeFs,
			gitdir,
			trees: [git.TREE({ ref: root })],
			map: async (path, [entry]) =>
				(await entry!.type()) === 'blob' ? { path, bytes: await entry!.content() } : true
		});
		const read = (walked as unknown[]).flat(Infinity).filter((x) => typeof x === 'object');
		expect(
			new Map(read.map((x) => [(x as { path: string }).path, (x as { bytes: Uint8Array }).bytes]))
		).toEqual(new Map(files.map((f) => [f.path, f.bytes])));
		execFileSync('git', ['--git-dir', gitdir, 'fsck', '--full', '--strict'], { stdio: 'pipe' });
	});
});

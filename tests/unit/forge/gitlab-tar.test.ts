// The bounded tar reader under GitLab's archive checkout: a real `git archive` read back exactly
// as git has the tree (long paths through pax headers, exec bits, symlinks, binary bytes, the
// commit in the global header), GNU long names, and malformed or oversized input refused with
// TarError instead of read on.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	readTar,
	TarError,
	type TarEntry,
	type TarLimits
} from '../../../src/lib/core/forge/gitlab/tar.ts';
import { buildBareRepo } from '../../fixtures/bare-repo.ts';
import { gitSays } from './git-says.ts';

const roomy: TarLimits = { maxEntries: 1000, maxEntryBytes: 1 << 20, maxTotalBytes: 1 << 24 };

async function read(bytes: Uint8Array, limits = roomy, chunk = 777): Promise<TarEntry[]> {
	async function* chunks() {
		for (let at = 0; at < bytes.length; at += chunk) yield bytes.subarray(at, at + chunk);
	}
	const out: TarEntry[] = [];
	for await (const entry of readTar(chunks(), limits)) out.push(entry);
	return out;
}

/** One ustar header block (checksum computed), for hand-made archives. */
function header(
	name: string,
	size: number,
	flag = '0',
	mode = 0o644,
	magic = 'ustar\u000000'
): Buffer {
	const block = Buffer.alloc(512);
	block.write(name, 0, 100, 'utf8');
	block.write(`${mode.toString(8).padStart(7, '0')}\0`, 100, 'latin1');
	block.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
	block.write(flag, 156, 'latin1');
	block.write(magic, 257, 'latin1');
	block.fill(0x20, 148, 156);
	const sum = block.reduce((a, b) => a + b, 0);
	block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
	return block;
}

function entry(name: string, data: string | Buffer, flag = '0'): Buffer {
	const bytes = Buffer.from(data);
	const padding = Buffer.alloc((512 - (bytes.length % 512)) % 512);
	return Buffer.concat([header(name, bytes.length, flag), bytes, padding]);
}

const end = Buffer.alloc(1024);

let root: string;
beforeAll(async () => {
	root = await mkdtemp(join(tmpdir(), 'patchbay-tar-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('readTar', () => {
	it('reads back a git archive exactly as git has the tree', async () => {
		const long = `deep/${'a-rather-long-folder-name/'.repeat(6)}file-with-a-long-name.txt`;
		expect(long.length).toBeGreaterThan(155); // beyond ustar's name and prefix: a pax header
		const gitDir = await buildBareRepo(root, 'tar', 'tree', {
			'README.md': '# tar\n',
			[long]: 'long\n',
			'bin/run.sh': { content: '#!/bin/sh\necho run\n', executable: true },
			'link-to-readme': { symlink: 'README.md' },
			[`links/${'far/'.repeat(30)}x`]: { symlink: `../${'t/'.repeat(60)}target` },
			'assets/blob.bin': new Uint8Array([0, 255, 1, 80, 78, 71, 0, 0]),
			'naïve/ünïcode.txt': 'ü\n'
		});
		const want = gitSays(gitDir);
		const archive = execFileSync('git', [
			'--git-dir',
			gitDir,
			'archive',
			'--format=tar',
			'--prefix=tree-x/',
			'main'
		]);
		const entries = await read(archive);
		const global = entries.find((e) => e.path === '');
		expect(global?.pax.comment).toBe(want.commit);
		const files = entries.filter((e) => e.type === 'file' || e.type === 'symlink');
		const got = new Map(
			files.map((e) => [
				e.path.replace(/^tree-x\//, ''),
				{
					mode: e.type === 'symlink' ? '120000' : e.mode & 0o100 ? '100755' : '100644',
					data: new Uint8Array(e.bytes)
				}
			])
		);
		const expected = new Map(
			[...want.files].map(([path, f]) => [path, { mode: f.mode, data: new Uint8Array(f.data) }])
		);
		expect(got).toEqual(expected);
		expect(entries.filter((e) => e.type === 'directory').map((e) => e.path)).toContain(
			'tree-x/bin'
		);
	});

	it('takes GNU long names and passes over an entry larger than it reads', async () => {
		const name = `gnu/${'n'.repeat(150)}.txt`;
		const big = 'x'.repeat(3000);
		const archive = Buffer.concat([
			entry('././@LongLink', `${name}\0`, 'L'),
			entry('truncated-name', 'gnu long\n'),
			entry('big.txt', big),
			entry('after.txt', 'after\n'),
			end
		]);
		const entries = await read(archive, { ...roomy, maxEntryBytes: 1024 }, 100);
		expect(entries.map((e) => [e.path, e.type, Buffer.from(e.bytes).toString()])).toEqual([
			[name, 'file', 'gnu long\n'],
			['big.txt', 'other', ''],
			['after.txt', 'file', 'after\n']
		]);
	});

	const refusals: [string, () => Buffer, RegExp, Partial<TarLimits>?][] = [
		[
			'a damaged header checksum',
			() => {
				const bad = entry('a.txt', 'a\n');
				bad[0] = 0x62; // the name changed after the checksum was written
				return Buffer.concat([bad, end]);
			},
			/checksum/
		],
		['no end-of-archive block', () => entry('a.txt', 'a\n'), /end-of-archive/],
		['an end inside an entry', () => entry('a.txt', 'a'.repeat(600)).subarray(0, 900), /inside/],
		[
			'a header that is not ustar',
			() => Buffer.concat([header('a.txt', 0, '0', 0o644, 'nope\u0000\u0000\u0000\u0000'), end]),
			/not a ustar/
		],
		[
			'a size that is not a number',
			() => {
				const h = header('a.txt', 0);
				h.write('0000000009x\0', 124, 'latin1');
				h.fill(0x20, 148, 156);
				const sum = h.reduce((a, b) => a + b, 0);
				h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
				return Buffer.concat([h, end]);
			},
			/not a number/
		],
		[
			'a malformed pax record',
			() => Buffer.concat([entry('pax', '99 path=x\n', 'x'), entry('a.txt', 'a'), end]),
			/pax header is malformed/
		],
		[
			'more entries than allowed',
			() => Buffer.concat([entry('a', 'a'), entry('b', 'b'), entry('c', 'c'), end]),
			/more than 2 entries/,
			{ maxEntries: 2 }
		],
		[
			'more bytes than allowed',
			() => Buffer.concat([entry('a', 'a'.repeat(600)), entry('b', 'b'.repeat(600)), end]),
			/more than 1000 bytes/,
			{ maxTotalBytes: 1000 }
		]
	];
	for (const [what, make, message, limits] of refusals) {
		it(`refuses ${what}`, async () => {
			const failure = read(make(), { ...roomy, ...limits });
			await expect(failure).rejects.toBeInstanceOf(TarError);
			await expect(failure).rejects.toMatchObject({ code: 'archive-malformed', message });
		});
	}
});

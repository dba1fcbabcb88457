import { unzlibSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import {
	blobOidSync,
	detectChanges,
	formatPatch,
	readerFromFiles,
	type SandboxFile
} from '../../../src/lib/core/diff/index.ts';
import { commitTree, git, removeDir, writeTree } from './git-repo.ts';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

const text = (value: string) => new TextEncoder().encode(value);
const file = (path: string, content: string, mode: SandboxFile['mode'] = '100644') => ({
	path,
	mode,
	bytes: text(content)
});
const numbered = (from: number, to: number, eol = '\n') =>
	Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}${eol}`).join('');

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

const before: SandboxFile[] = [
	file('two-hunks.txt', numbered(1, 30)),
	file('crlf.txt', numbered(1, 5, '\r\n')),
	file('no-eol.txt', 'first\nlast'),
	file('gone.txt', 'bye\n'),
	file('gone-empty', ''),
	file('stays-empty', ''),
	file('run.sh', 'echo hi\n'),
	file('old name.txt', 'moved content\n'),
	file('moved-exec', 'moved and executable\n'),
	file('link', 'target', '120000'),
	file('link-to-file', 'elsewhere', '120000'),
	file('café.txt', 'crème\n'),
	file('tab\there', 'x\n'),
	file('quo"te\\slash', 'y\n')
];

const after: SandboxFile[] = [
	file(
		'two-hunks.txt',
		numbered(1, 30).replace('line 3\n', 'line three\n').replace('line 25\n', '')
	),
	file('crlf.txt', numbered(1, 5, '\r\n').replace('line 4\r\n', 'line 4 edited\r\n')),
	file('no-eol.txt', 'first\nlast\n'),
	file('added file.txt', 'new\n'),
	file('stays-empty', 'not empty now\n'),
	file('run.sh', 'echo hi\n', '100755'),
	file('new name.txt', 'moved content\n'),
	file('moved-exec.sh', 'moved and executable\n', '100755'),
	file('link', 'other', '120000'),
	file('link-to-file', 'now a file\n'),
	file('café.txt', 'brûlée\n'),
	file('tab\there', 'z\n'),
	file('quo"te\\slash', 'w\n')
];

async function detect(from: SandboxFile[], to: SandboxFile[]) {
	const blobs = new Map(from.map((f) => [blobOidSync(f.bytes), f.bytes]));
	const entries = from.map(({ path, mode, bytes }) => ({ path, mode, oid: blobOidSync(bytes) }));
	return detectChanges({ entries }, readerFromFiles(to), async (oid) => blobs.get(oid)!);
}

describe('formatPatch', () => {
	// Empty files are never paired as a rename here (git pairs them), so none is added.
	it('writes text changes exactly as `git diff -M` does', async () => {
		const dir = commitTree(before);
		dirs.push(dir);
		for (const { path } of before) rmSync(join(dir, path));
		writeTree(dir, after);
		git(dir, ['add', '-A']);
		const gitPatch = git(dir, ['diff', '--cached', '-M100%']);
		expect(formatPatch(await detect(before, after))).toBe(gitPatch);
	});

	it('writes a binary change as full-index literals that decode to both sides', () => {
		const oldBytes = Uint8Array.of(0, 1, 2, 3, 255);
		const newBytes = new Uint8Array(200).map((_, i) => (i * 7) % 256);
		const patch = formatPatch([
			{
				path: 'blob.bin',
				before: oldBytes,
				after: newBytes,
				beforeMode: '100644',
				afterMode: '100644'
			}
		]);
		const header = [
			'diff --git a/blob.bin b/blob.bin',
			`index ${blobOidSync(oldBytes)}..${blobOidSync(newBytes)} 100644`,
			'GIT binary patch\n'
		].join('\n');
		expect(patch.slice(0, header.length)).toBe(header);
		const [forward, reverse, ...rest] = patch.slice(header.length).split('\n\n');
		expect(rest).toEqual(['']);
		expect(decodeLiteral(forward!)).toEqual({ size: 200, bytes: newBytes });
		expect(decodeLiteral(reverse!)).toEqual({ size: 5, bytes: oldBytes });
	});

	it('writes nothing for a change that changes nothing', () => {
		expect(formatPatch([{ path: 'same', before: text('a\n'), after: text('a\n') }])).toBe('');
	});
});

const alphabet =
	'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~';

/** Reads one `literal <size>` block back: length characters, base85, zlib. */
function decodeLiteral(block: string): { size: number; bytes: Uint8Array } {
	const [head, ...lines] = block.split('\n');
	const deflated: number[] = [];
	for (const line of lines) {
		const code = line.charCodeAt(0);
		const count = code <= 90 ? code - 64 : code - 96 + 26;
		const bytes: number[] = [];
		for (let i = 1; i < line.length; i += 5) {
			let value = 0;
			for (const ch of line.slice(i, i + 5)) value = value * 85 + alphabet.indexOf(ch);
			bytes.push(value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255);
		}
		deflated.push(...bytes.slice(0, count));
	}
	return {
		size: Number(head!.slice('literal '.length)),
		bytes: unzlibSync(Uint8Array.from(deflated))
	};
}

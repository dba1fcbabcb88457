// The exported patch carries text that is not UTF-8 as git does: a text hunk of the file's own
// bytes (surrogate-escaped in the string, written back by escapedBytes), compared byte for byte
// with the real `git diff --binary --full-index -M` and applied with the real `git apply`.
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import {
	blobOidSync,
	detectChanges,
	diffStats,
	escapedBytes,
	formatPatch,
	hasEscapedBytes,
	readerFromFiles,
	type SandboxFile
} from '../../../src/lib/core/diff/index.ts';
import { commitTree, readTree, removeDir, writeTree } from './git-repo.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
const utf8 = (text: string) => new TextEncoder().encode(text);
const file = (path: string, bytes: Uint8Array): SandboxFile => ({ path, mode: '100644', bytes });
const lines = (count: number, eol = '\n') =>
	Array.from({ length: count }, (_, i) => `line ${i + 1}${eol}`).join('');

// Invalid UTF-8 of every kind: a stray 0xff, a character cut in two, an encoded surrogate,
// an overlong '/', a code point past U+10FFFF; and CRLF line ends.
const invalid = (middle: string) =>
	latin1(
		`${lines(4, '\r\n')}bad \xff here\r\ncut \xc3\r\n${middle}\r\nsurrogate \xed\xa0\x80\r\n` +
			`overlong \xc0\xaf\r\nbig \xf4\x90\x80\x80\r\n${lines(4, '\r\n')}`
	);
// A heading line (it starts with a letter) with a Latin-1 byte: git cuts the heading there.
// The body is indented so no line of it is a heading.
const withHeading = (edit: string) =>
	latin1(`Function caf\xe9 au lait\n${lines(6).replace(/^/gm, '  ')}  ${edit}\n  end\n`);

const before: SandboxFile[] = [
	file('latin1.txt', latin1('caf\xe9\ncr\xe8me br\xfbl\xe9e\nna\xefve\n')),
	file('invalid.txt', invalid('middle')),
	file('heading.txt', withHeading('old')),
	file('utf8.txt', utf8('café\ncrème\n')),
	file('gone.txt', latin1('adieu \xe0 bient\xf4t\n')),
	file('binary.bin', latin1('\x00\xff\xfe binary\n')),
	file('no-eol.txt', latin1('fin\xe9'))
];
const after: SandboxFile[] = [
	file('latin1.txt', latin1('caf\xe9\ncr\xe8me br\xfbl\xe9e au sucre\nna\xefve\n')),
	file('invalid.txt', invalid('middle \xfe\xfe changed')),
	file('heading.txt', withHeading('new')),
	file('utf8.txt', utf8('café\ncrème brûlée\n')),
	file('new.txt', latin1('\xa1Hola, se\xf1or!\r\n')),
	file('binary.bin', latin1('\x00\xff\xfd binary\n')),
	file('no-eol.txt', latin1('fin\xe8'))
];

/** git's own bytes: stdout undecoded, no user or system config. */
function gitBytes(dir: string, args: string[], input?: Uint8Array): Buffer {
	const result = spawnSync('git', args, {
		cwd: dir,
		input,
		env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' }
	});
	if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr.toString()}`);
	return result.stdout;
}

async function changesOf(from: SandboxFile[], to: SandboxFile[]) {
	const blobs = new Map(from.map((f) => [blobOidSync(f.bytes), f.bytes]));
	const baseline = {
		entries: from.map(({ path, mode, bytes }) => ({ path, mode, oid: blobOidSync(bytes) }))
	};
	return detectChanges(baseline, readerFromFiles(to), async (oid) => blobs.get(oid)!);
}

/** A repository at `from` whose working tree is `to`, everything added to the index. */
function staged(from: SandboxFile[], to: SandboxFile[]): string {
	const dir = commitTree(from);
	dirs.push(dir);
	for (const f of from) spawnSync('rm', ['-f', f.path], { cwd: dir });
	writeTree(dir, to);
	gitBytes(dir, ['add', '-A']);
	return dir;
}

describe('a patch with text that is not UTF-8', () => {
	it('is byte for byte what git diff --binary --full-index -M writes', async () => {
		const dir = staged(before, after);
		const theirs = gitBytes(dir, ['diff', '--cached', '--binary', '--full-index', '-M']);
		const patch = formatPatch(await changesOf(before, after), { fullIndex: true });
		expect(hasEscapedBytes(patch)).toBe(true);
		// Compared as latin1 text so a difference reads as one.
		expect(Buffer.from(escapedBytes(patch)).toString('latin1')).toBe(theirs.toString('latin1'));
		// The files are text hunks, the NUL file a binary patch, as git has them.
		expect(patch).toContain('@@ -1,3 +1,3 @@\n caf\udce9\n-cr\udce8me br\udcfbl\udce9e\n');
		expect(patch).toContain('@@ -5,5 +5,5 @@ Function caf\n');
		expect(patch).toMatch(/diff --git a\/binary.bin b\/binary.bin\n[^]*GIT binary patch\n/);
		expect(patch).toContain('+crème brûlée\n');
	});

	it('applies with git apply and rebuilds the tree byte for byte, and reverses', async () => {
		const dir = commitTree(before);
		dirs.push(dir);
		const bytes = escapedBytes(formatPatch(await changesOf(before, after)));
		gitBytes(dir, ['apply', '--check', '-'], bytes);
		gitBytes(dir, ['apply', '-'], bytes);
		const view = (files: SandboxFile[]) =>
			files.map((f) => ({
				path: f.path,
				mode: f.mode,
				bytes: Buffer.from(f.bytes).toString('hex')
			}));
		const sorted = [...after].sort((a, b) => (a.path < b.path ? -1 : 1));
		expect(view(readTree(dir))).toEqual(view(sorted));
		gitBytes(dir, ['apply', '-R', '-'], bytes);
		expect(gitBytes(dir, ['status', '--porcelain']).toString()).toBe('');
	});

	it('counts its lines in the stats like git diff --numstat', async () => {
		const dir = staged(before, after);
		const numstat = gitBytes(dir, ['diff', '--cached', '--numstat', '-M']).toString('latin1');
		const ours = diffStats(await changesOf(before, after))
			.map((s) => (s.binary ? `-\t-\t${s.path}` : `${s.additions}\t${s.deletions}\t${s.path}`))
			.sort();
		expect(ours).toEqual(numstat.trimEnd().split('\n').sort());
	});

	it('leaves a UTF-8 patch an ordinary string', async () => {
		const utf8Only = [file('a.txt', utf8('é\n')), file('b.txt', utf8('𝄞 clef\n'))];
		const edited = [file('a.txt', utf8('è\n')), file('b.txt', utf8('𝄞 clé\n'))];
		const dir = staged(utf8Only, edited);
		const theirs = gitBytes(dir, ['diff', '--cached', '--binary', '--full-index', '-M']);
		const patch = formatPatch(await changesOf(utf8Only, edited), { fullIndex: true });
		expect(hasEscapedBytes(patch)).toBe(false);
		expect(patch).toBe(theirs.toString('utf8'));
		expect(escapedBytes(patch)).toEqual(new TextEncoder().encode(patch));
	});
});

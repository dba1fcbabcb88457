import { describe, expect, it } from 'vitest';
import {
	rebaseChanges,
	replayText,
	type FileChange,
	type HeadFile
} from '../../../src/lib/core/diff/index.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const lines = (n: number, edit: Record<number, string> = {}) =>
	Array.from({ length: n }, (_, i) => `${edit[i + 1] ?? `line ${i + 1}`}\n`).join('');

function headOf(files: Record<string, string | HeadFile>) {
	return async (path: string): Promise<HeadFile | null> => {
		const file = files[path];
		if (file === undefined) return null;
		return typeof file === 'string' ? { bytes: bytes(file), mode: '100644' } : file;
	};
}

const asText = (changes: FileChange[]) =>
	changes.map((c) => ({
		...c,
		before: c.before && new TextDecoder().decode(c.before),
		after: c.after && new TextDecoder().decode(c.after)
	}));

describe('replayText', () => {
	it('applies our hunks to a head changed elsewhere in the file', () => {
		const base = lines(20);
		const ours = lines(20, { 15: 'ours 15' });
		const head = `header\n${lines(20, { 2: 'head 2' })}`;
		expect(replayText(base, ours, head)).toBe(
			`header\n${lines(20, { 2: 'head 2', 15: 'ours 15' })}`
		);
	});

	it('refuses when the head changed the lines our hunk touches or leans on', () => {
		const base = lines(20);
		expect(replayText(base, lines(20, { 10: 'ours' }), lines(20, { 10: 'head' }))).toBeNull();
		// Line 12 is context of our hunk: changed on the head, the hunk no longer matches.
		expect(replayText(base, lines(20, { 10: 'ours' }), lines(20, { 12: 'head' }))).toBeNull();
	});

	it('keeps line ends as they are: CRLF and a missing final newline', () => {
		const base = 'a\r\nb\r\nc\r\nd\r\ne\r\nf\r\ng\r\nh\r\ni';
		const ours = 'a\r\nb\r\nc\r\nd\r\ne\r\nf\r\ng\r\nh\r\nI';
		const head = 'A\r\nb\r\nc\r\nd\r\ne\r\nf\r\ng\r\nh\r\ni';
		expect(replayText(base, ours, head)).toBe('A\r\nb\r\nc\r\nd\r\ne\r\nf\r\ng\r\nh\r\nI');
	});

	it('applies several hunks in order when the head shifted lines between them', () => {
		const base = lines(40);
		const ours = lines(40, { 5: 'ours 5', 35: 'ours 35' });
		const head = lines(40, { 20: 'head 20\nhead 20b' });
		expect(replayText(base, ours, head)).toBe(
			lines(40, { 5: 'ours 5', 20: 'head 20\nhead 20b', 35: 'ours 35' })
		);
	});
});

describe('rebaseChanges', () => {
	it('rebases every kind of change onto a head that moved', async () => {
		const changes: FileChange[] = [
			{ path: 'same.txt', before: bytes('one\n'), after: bytes('two\n') },
			{ path: 'both.txt', before: bytes(lines(12)), after: bytes(lines(12, { 11: 'ours' })) },
			{ path: 'new.txt', before: null, after: bytes('new\n') },
			{ path: 'gone.txt', before: bytes('old\n'), after: null },
			{ path: 'run.sh', before: bytes('x\n'), after: bytes('x\n'), afterMode: '100755' },
			{ path: 'moved.txt', oldPath: 'from.txt', before: bytes('m\n'), after: bytes('m\n') },
			{ path: 'already.txt', before: bytes('a\n'), after: bytes('b\n') }
		];
		const result = await rebaseChanges(
			changes,
			headOf({
				'same.txt': 'one\n',
				'both.txt': lines(12, { 1: 'head' }),
				'gone.txt': 'old\n',
				'run.sh': 'x\ny\n',
				'from.txt': 'm\n',
				'already.txt': 'b\n'
			})
		);
		expect(result.ok && asText(result.changes)).toEqual([
			{
				path: 'same.txt',
				before: 'one\n',
				after: 'two\n',
				beforeMode: '100644',
				afterMode: '100644'
			},
			{
				path: 'both.txt',
				before: lines(12, { 1: 'head' }),
				after: lines(12, { 1: 'head', 11: 'ours' }),
				beforeMode: '100644',
				afterMode: '100644'
			},
			{ path: 'new.txt', before: null, after: 'new\n' },
			{ path: 'gone.txt', before: 'old\n', after: null, beforeMode: '100644' },
			{
				path: 'run.sh',
				before: 'x\ny\n',
				after: 'x\ny\n',
				beforeMode: '100644',
				afterMode: '100755'
			},
			{
				path: 'moved.txt',
				oldPath: 'from.txt',
				before: 'm\n',
				after: 'm\n',
				beforeMode: '100644',
				afterMode: '100644'
			}
		]);
	});

	it('names every file that does not rebase, and returns no changes', async () => {
		const changes: FileChange[] = [
			{ path: 'clash.txt', before: bytes('a\n'), after: bytes('ours\n') },
			{ path: 'deleted-there.txt', before: bytes('a\n'), after: bytes('b\n') },
			{ path: 'deleted-here.txt', before: bytes('a\n'), after: null },
			{ path: 'added-both.txt', before: null, after: bytes('ours\n') },
			{ path: 'pic.bin', before: new Uint8Array([0, 1]), after: new Uint8Array([0, 2]) },
			{ path: 'fine.txt', before: bytes('a\n'), after: bytes('b\n') }
		];
		const result = await rebaseChanges(
			changes,
			headOf({
				'clash.txt': 'head\n',
				'deleted-here.txt': 'changed\n',
				'added-both.txt': 'theirs\n',
				'pic.bin': { bytes: new Uint8Array([0, 3]), mode: '100644' },
				'fine.txt': 'a\n'
			})
		);
		expect(result).toEqual({
			ok: false,
			conflicts: [
				{ path: 'clash.txt', reason: 'changed here and on the new head, in the same lines' },
				{ path: 'deleted-there.txt', reason: 'changed here, deleted on the new head' },
				{ path: 'deleted-here.txt', reason: 'deleted here, changed on the new head' },
				{ path: 'added-both.txt', reason: 'added here and, with other content, on the new head' },
				{ path: 'pic.bin', reason: 'changed here and on the new head (not a text file)' }
			]
		});
	});
});
